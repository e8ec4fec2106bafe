package dev.ripple.test;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.HashMap;
import java.util.Map;

/**
 * A pair of tables of one test on a {@link TestDynamoDb}: the single table and its receipts table.
 *
 * @param dynamoDb where they are
 * @param name     the single table's name; the receipts table is {@code <name>-receipts}
 */
public record TestTables(TestDynamoDb dynamoDb, String name) {

    public String receiptsName() {
        return name + "-receipts";
    }

    /** Application properties pointing Ripple's AWS clients at these tables. */
    public Map<String, Object> properties() {
        var properties = new HashMap<>(FakeAws.properties(dynamoDb.endpoint()));
        properties.put("ripple.table.name", name);
        return properties;
    }

    /** A client of the test's own, to look at the tables (close it). */
    public DynamoDbClient client() {
        return dynamoDb.client();
    }
}
