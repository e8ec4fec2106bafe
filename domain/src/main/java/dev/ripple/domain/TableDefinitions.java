package dev.ripple.domain;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/**
 * The tables as docs/design.md describes them, for the local stack and the tests (Terraform declares the same
 * shape on AWS): the single table with its stream and GSI, and the receipts table with a TTL and no stream.
 */
public final class TableDefinitions {
    public static final String RECEIPT_KEY = "pk";
    public static final String RECEIPT_EXPIRY = "expiresAt";

    private TableDefinitions() {
    }

    public static CreateTableRequest mainTable(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        stringAttribute(TableLayout.PARTITION_KEY),
                        stringAttribute(TableLayout.SORT_KEY),
                        stringAttribute(TableLayout.GSI1_PARTITION_KEY),
                        stringAttribute(TableLayout.GSI1_SORT_KEY))
                .keySchema(hash(TableLayout.PARTITION_KEY), range(TableLayout.SORT_KEY))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(TableLayout.GSI1)
                        .keySchema(hash(TableLayout.GSI1_PARTITION_KEY), range(TableLayout.GSI1_SORT_KEY))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build())
                .streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                        .build())
                .build();
    }

    public static CreateTableRequest receiptsTable(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(stringAttribute(RECEIPT_KEY))
                .keySchema(hash(RECEIPT_KEY))
                .build();
    }

    /** Creates both tables unless they exist and waits until they are active. Safe to run on every start. */
    public static void createIfMissing(DynamoDbClient dynamoDb, TableConfig tables) {
        createIfMissing(dynamoDb, mainTable(tables.name()));
        if (createIfMissing(dynamoDb, receiptsTable(tables.receiptsName()))) {
            dynamoDb.updateTimeToLive(b -> b.tableName(tables.receiptsName())
                    .timeToLiveSpecification(TimeToLiveSpecification.builder()
                            .attributeName(RECEIPT_EXPIRY).enabled(true).build()));
        }
    }

    private static boolean createIfMissing(DynamoDbClient dynamoDb, CreateTableRequest request) {
        try {
            dynamoDb.describeTable(b -> b.tableName(request.tableName()));
            return false;
        } catch (ResourceNotFoundException missing) {
            try {
                dynamoDb.createTable(request);
            } catch (ResourceInUseException createdMeanwhile) {
                return false;
            }
            dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(request.tableName()));
            return true;
        }
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }
}
