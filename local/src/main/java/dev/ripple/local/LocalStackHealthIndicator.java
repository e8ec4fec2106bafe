package dev.ripple.local;

import dev.ripple.api.auth.AuthConfig;
import dev.ripple.domain.TableConfig;
import dev.ripple.local.dynamodb.DynamoDbLocalServer;
import dev.ripple.local.stream.EventSourceMapping;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * UP once DynamoDB answers, the table is active and the event source mapping has polled every shard; DOWN again while
 * the mapping cannot write its checkpoints or failure documents. Its details also say whether the API checks tokens.
 */
@Singleton
class LocalStackHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final DynamoDbClient dynamoDb;
    private final TableConfig tables;
    private final EventSourceMapping mapping;
    private final Optional<DynamoDbLocalServer> launched;
    private final AuthConfig auth;

    LocalStackHealthIndicator(DynamoDbClient dynamoDb, TableConfig tables, EventSourceMapping mapping,
                              Optional<DynamoDbLocalServer> launched, AuthConfig auth) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
        this.mapping = mapping;
        this.launched = launched;
        this.auth = auth;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        var details = new LinkedHashMap<String, Object>();
        boolean dynamoUp = launched.map(DynamoDbLocalServer::isAlive).orElse(true);
        boolean tableActive = false;
        if (dynamoUp) {
            try {
                tableActive = dynamoDb.describeTable(b -> b.tableName(tables.name())).table().tableStatus()
                        == TableStatus.ACTIVE;
            } catch (RuntimeException e) {
                dynamoUp = false;
            }
        }
        boolean polling = mapping.isPolling();
        Optional<String> storageProblem = mapping.storageProblem();
        details.put("dynamodb", dynamoUp ? "UP" : "DOWN");
        details.put("table", tables.name() + (tableActive ? " ACTIVE" : " not ready"));
        details.put("eventSourceMapping", polling ? "polling" : "not polling");
        storageProblem.ifPresent(problem -> details.put("storage", problem));
        details.put("authentication", auth.enabled() ? "tokens checked, issuer " + auth.issuer()
                : "OFF: anyone may call anything (ripple.api.auth.enabled=false)");
        healthStatus = dynamoUp && tableActive && polling && storageProblem.isEmpty() ? HealthStatus.UP
                : HealthStatus.DOWN;
        return details;
    }

    @Override
    protected String getName() {
        return "ripple";
    }
}
