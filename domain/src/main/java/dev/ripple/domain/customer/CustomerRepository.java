package dev.ripple.domain.customer;

import dev.ripple.domain.ContendedWriteException;
import dev.ripple.domain.ItemType;
import dev.ripple.domain.TableLayout;
import dev.ripple.domain.TableConfig;
import dev.ripple.domain.WriteIdTakenException;
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

    /** Stores a new customer with a fresh id; see {@link #create(String, String, String)}. */
    public Customer create(String email, String name) {
        return create(UUID.randomUUID().toString(), email, name);
    }

    /**
     * Stores a new customer and its email claim, in one transaction. When the claim belongs to this very customer id —
     * an earlier attempt of this request was written but its answer lost (the SDK's own retry, or the client's with
     * its {@code Idempotency-Key}) — that customer is the answer.
     *
     * @throws EmailTakenException      when another customer has the address (in any letter case)
     * @throws ContendedWriteException  when another transaction on the same address raced this one and neither is
     *                                  visible yet
     * @throws WriteIdTakenException    when the id holds another customer
     */
    public Customer create(String customerId, String email, String name) {
        Instant now = clock.instant();
        var customer = new Customer(customerId, email, name, now);
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
            return customer;
        } catch (TransactionCanceledException e) {
            List<String> reasons = e.hasCancellationReasons()
                    ? e.cancellationReasons().stream().map(CancellationReason::code).toList() : List.of();
            if (!reasons.contains("ConditionalCheckFailed") && !reasons.contains("TransactionConflict")) {
                throw e;
            }
            Optional<String> claimant = claimantOf(claimedAddress);
            if (claimant.isEmpty()) {
                if (reasons.contains("TransactionConflict")) {
                    throw new ContendedWriteException("the sign-up of this address");
                }
                throw new WriteIdTakenException("customer " + customerId);
            }
            if (!claimant.get().equals(customerId)) {
                throw new EmailTakenException();
            }
            return find(customerId).orElseThrow(() -> new ContendedWriteException("the sign-up of this address"));
        }
    }

    /** Whose the address is, read consistently. */
    private Optional<String> claimantOf(String claimedAddress) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(
                        TableLayout.PARTITION_KEY, s(TableLayout.emailClaimPartitionKey(claimedAddress)),
                        TableLayout.SORT_KEY, s(TableLayout.EMAIL_CLAIM_SORT_KEY)))).item();
        return item == null || item.isEmpty() || item.get("customerId") == null ? Optional.empty()
                : Optional.of(item.get("customerId").s());
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
