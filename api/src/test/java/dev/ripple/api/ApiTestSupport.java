package dev.ripple.api;

import dev.ripple.domain.TableDefinitions;
import dev.ripple.domain.TableSettings;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Map;

/**
 * What every API test class starts from: the API on Netty at 127.0.0.1, tables of its own in the shared
 * DynamoDB Local, and a client. Subclasses add {@code @MicronautTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiTestSupport implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DynamoDbClient dynamoDb;

    @Inject
    TableSettings tables;

    @Inject
    JsonMapper json;

    @Override
    public @NonNull Map<String, String> getProperties() {
        return SharedDynamoDbLocal.propertiesForFreshTables();
    }

    @BeforeAll
    void createTables() {
        TableDefinitions.createIfMissing(dynamoDb, tables);
    }
}
