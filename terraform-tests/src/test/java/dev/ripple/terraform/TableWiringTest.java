package dev.ripple.terraform;

import dev.ripple.domain.TableDefinitions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

import java.util.Map;

import static dev.ripple.terraform.TerraformModule.blocks;
import static org.assertj.core.api.Assertions.assertThat;

/** The tables Terraform declares are the ones the local stack creates (domain/TableDefinitions), stream and all. */
class TableWiringTest {
    private final TerraformModule module = TerraformModule.module("table");
    private final Map<String, Object> table = module.resource("aws_dynamodb_table", "this");
    private final Map<String, Object> receipts = module.resource("aws_dynamodb_table", "receipts");

    @Test
    void theTableStreamsNewAndOldImages() {
        assertThat(table).containsEntry("stream_enabled", true).containsEntry("stream_view_type", "NEW_AND_OLD_IMAGES");
        CreateTableRequest local = TableDefinitions.mainTable("ripple");
        assertThat(table.get("stream_view_type")).isEqualTo(local.streamSpecification().streamViewTypeAsString());
        assertThat(module.outputs().get("stream_arn")).containsEntry("value", "aws_dynamodb_table.this.stream_arn");
    }

    @Test
    void theTableHasTheKeysAndAttributesOfTheLocalOne() {
        CreateTableRequest local = TableDefinitions.mainTable("ripple");

        assertThat(table).containsEntry("billing_mode", local.billingModeAsString())
                .containsEntry("hash_key", key(local, KeyType.HASH))
                .containsEntry("range_key", key(local, KeyType.RANGE));
        assertThat(blocks(table.get("attribute")))
                .containsExactlyInAnyOrderElementsOf(local.attributeDefinitions().stream().map(TableWiringTest::attribute)
                        .toList());
    }

    @Test
    void theIndexIsTheLocalOne() {
        GlobalSecondaryIndex local = TableDefinitions.mainTable("ripple").globalSecondaryIndexes().getFirst();

        assertThat(blocks(table.get("global_secondary_index"))).singleElement().isEqualTo(Map.of(
                "name", local.indexName(),
                "hash_key", local.keySchema().getFirst().attributeName(),
                "range_key", local.keySchema().get(1).attributeName(),
                "projection_type", local.projection().projectionTypeAsString()));
    }

    @Test
    void theTableIsEncryptedAndRecoverable() {
        assertThat(table.get("server_side_encryption")).isEqualTo(Map.of("enabled", true));
        assertThat(table.get("point_in_time_recovery")).isEqualTo(Map.of("enabled", "var.point_in_time_recovery_enabled"));
        assertThat(module.variables().get("point_in_time_recovery_enabled")).containsEntry("default", true);
    }

    @Test
    void theReceiptsTableExpiresItemsAndHasNoStream() {
        CreateTableRequest local = TableDefinitions.receiptsTable("ripple-receipts");

        assertThat(receipts).doesNotContainKeys("stream_enabled", "stream_view_type", "range_key")
                .containsEntry("hash_key", key(local, KeyType.HASH))
                .containsEntry("name", "var.name-receipts");
        assertThat(receipts.get("ttl")).isEqualTo(Map.of("attribute_name", TableDefinitions.RECEIPT_EXPIRY, "enabled", true));
        assertThat(receipts.get("server_side_encryption")).isEqualTo(Map.of("enabled", true));
        assertThat(receipts).containsEntry("deletion_protection_enabled", "var.deletion_protection_enabled");
    }

    private static String key(CreateTableRequest table, KeyType type) {
        return table.keySchema().stream().filter(k -> k.keyType() == type).map(KeySchemaElement::attributeName)
                .findFirst().orElseThrow();
    }

    private static Map<String, Object> attribute(AttributeDefinition definition) {
        return Map.of("name", definition.attributeName(), "type", definition.attributeTypeAsString());
    }
}
