package dev.ripple.local;

import dev.ripple.domain.TableConfig;
import dev.ripple.local.dynamodb.LocalDynamoDbEndpoint;
import dev.ripple.consumer.failure.FailureDocument;
import dev.ripple.consumer.failure.FailureDocuments;
import dev.ripple.local.failure.FailureDirectory;
import dev.ripple.local.failure.Redrive;
import dev.ripple.local.mapping.EventSourceMappingConfig;
import dev.ripple.local.stream.EventSourceMapping;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** The local stack's own endpoints: what the event source mapping is doing, and the redrive of failure files. */
@Controller("/local")
@ExecuteOn(TaskExecutors.BLOCKING)
class LocalController {
    private final EventSourceMapping mapping;
    private final FailureDirectory failures;
    private final FailureDocuments documents;
    private final Redrive redrive;
    private final LocalDynamoDbEndpoint dynamoDb;
    private final TableConfig table;

    LocalController(EventSourceMapping mapping, FailureDirectory failures, FailureDocuments documents, Redrive redrive,
                    LocalDynamoDbEndpoint dynamoDb, TableConfig table) {
        this.mapping = mapping;
        this.failures = failures;
        this.documents = documents;
        this.redrive = redrive;
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * What an operator's tool needs to address this stack as it would a stage: its table, the DynamoDB it lives in,
     * the consumer's name for Lambda's Invoke API (served here), and the failure directory.
     */
    @Serdeable
    record Endpoints(String table, String dynamoDbEndpoint, String functionName, String functionArn,
                     String failureDirectory) {
    }

    @Get(uri = "/endpoints", produces = MediaType.APPLICATION_JSON)
    Endpoints endpoints() {
        return new Endpoints(table.name(), dynamoDb.endpoint().toString(), FailureDirectory.FUNCTION_NAME,
                failures.functionArn(), failures.directory().toAbsolutePath().toString());
    }

    /**
     * @param filters          the filter patterns in force (derived from the routes unless the settings name some)
     * @param failureDirectory where failed batches go, and how many files wait there
     */
    @Serdeable
    record MappingView(@Nullable String streamArn, boolean polling, EventSourceMappingConfig settings,
                       @JsonInclude(JsonInclude.Include.ALWAYS) List<Map<String, Object>> filters,
                       String failureDirectory, int failureFiles,
                       List<?> shards) {
    }

    @Get(uri = "/event-source-mapping", produces = MediaType.APPLICATION_JSON)
    MappingView eventSourceMapping() {
        return new MappingView(mapping.streamArn().orElse(null), mapping.isPolling(), mapping.settings(),
                mapping.filters().patterns(), failures.directory().toAbsolutePath().toString(), failures.list().size(),
                mapping.shards());
    }

    /** Body: a failure destination file, as written. */
    @Post(uri = "/redrive", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    Redrive.Result redrive(@Body byte[] failureFile) {
        FailureDocument document;
        try {
            document = documents.read(failureFile);
        } catch (FailureDocuments.NotAFailureDocumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return redrive.redrive(document);
    }
}
