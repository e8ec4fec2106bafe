package dev.ripple.api.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One page of a list: the items and, when there are more, the cursor that fetches the next page
 * ({@code ?cursor=…}).
 */
@Serdeable
public record PageView<T>(@JsonInclude(JsonInclude.Include.ALWAYS) List<T> items, @Nullable String nextCursor) {
}
