package dev.ripple.domain.customer;

import dev.ripple.domain.ItemType;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.TableConfig;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Customers in the single table. A customer is written in one transaction with the claim on its email
 * address ({@code EMAIL#<lower-case address>}), so two sign-ups with one address cannot both succeed.
 */
@Singleton
public class CustomerRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public CustomerRepository(DynamoDbClient dynamoDb, TableConfig tables, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = tables.name();
        this.clock = clock;
    }

    /** Stores a new customer and its email claim; {@link EmailTakenException} when the address is taken. */
    public Customer create(String email, String name) {
        Instant now = clock.instant();
        var customer = new Customer(UUID.randomUUID().toString(), email, name, now);
        String claimedAddress = email.toLowerCase(Locale.ROOT);
        Map<String, AttributeValue> profile = Map.of(
                TableLayout.PARTITION_KEY, s(TableLayout.customerPartitionKey(customer.customerId())),
                TableLayout.SORT_KEY, s(TableLayout.CUSTOMER_SORT_KEY),
                TableLayout.TYPE, s(ItemType.CUSTOMER.attributeValue()),
                "customerId", s(customer.customerId()),
                "email", s(email),
                "name", s(name),
                "createdAt", s(now.toString()));
        Map<String, AttributeValue> claim = Map.of(
                TableLayout.PARTITION_KEY, s(TableLayout.emailClaimPartitionKey(claimedAddress)),
                TableLayout.SORT_KEY, s(TableLayout.EMAIL_CLAIM_SORT_KEY),
                TableLayout.TYPE, s(ItemType.EMAIL_CLAIM.attributeValue()),
                "customerId", s(customer.customerId()),
                "email", s(claimedAddress));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    newItem(profile),
                    newItem(claim)));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (reasons.size() == 2 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                throw new EmailTakenException();
            }
            throw e;
        }
        return customer;
    }

    public Optional<Customer> find(String customerId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(
                        TableLayout.PARTITION_KEY, s(TableLayout.customerPartitionKey(customerId)),
                        TableLayout.SORT_KEY, s(TableLayout.CUSTOMER_SORT_KEY)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Customer(item.get("customerId").s(), item.get("email").s(), item.get("name").s(),
                Instant.parse(item.get("createdAt").s())));
    }

    private TransactWriteItem newItem(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY))).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
