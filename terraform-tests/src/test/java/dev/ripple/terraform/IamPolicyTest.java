package dev.ripple.terraform;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.ripple.terraform.TerraformModule.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Least privilege, read from every aws_iam_policy_document: named actions only, on named resources, and each
 * function's role holds exactly what its code calls.
 */
class IamPolicyTest {

    private static List<Map<String, Object>> allStatements() {
        List<Map<String, Object>> statements = new ArrayList<>(TerraformModule.root().policyStatements());
        TerraformModule.moduleNames().forEach(name -> statements.addAll(TerraformModule.module(name).policyStatements()));
        return statements;
    }

    @Test
    void noStatementGrantsAWildcardAction() {
        List<Map<String, Object>> statements = allStatements();

        assertThat(statements).hasSizeGreaterThanOrEqualTo(10).allSatisfy(statement ->
                assertThat(strings(statement.get("actions"))).as("%s", statement).isNotEmpty()
                        .noneMatch(action -> action.contains("*")));
        assertThat(statements).noneMatch(statement -> statement.containsKey("not_actions"));
    }

    /** The one action IAM cannot scope to a resource: it must be granted on "*" or not at all. */
    private static boolean listsStreams(Map<String, Object> statement) {
        return strings(statement.get("actions")).equals(List.of("dynamodb:ListStreams"));
    }

    /** The operator's status reads the mapping's description: Lambda cannot scope that listing to a resource either. */
    private static boolean listsMappings(Map<String, Object> statement) {
        return strings(statement.get("actions")).equals(List.of("lambda:ListEventSourceMappings"));
    }

    @Test
    void noStatementGrantsOnEveryResourceButListStreamsWhichCannotBeScoped() {
        assertThat(allStatements()).allSatisfy(statement -> {
            if (statement.containsKey("principals")) {
                return; // a trust policy names who may assume the role, not what it may touch
            }
            if (listsStreams(statement) || listsMappings(statement)) {
                assertThat(strings(statement.get("resources"))).containsExactly("*");
                return;
            }
            assertThat(statement.get("resources")).as("%s names its resources", statement).isNotNull();
            assertThat(TerraformModule.references(statement.get("resources"))).as("%s", statement).isNotEmpty()
                    .noneMatch(resource -> resource.equals("*") || resource.equals("null"));
            assertThat(statement).doesNotContainKey("not_resources");
        });
    }

    @Test
    void onlyTheTableStreamIsRead() {
        List<Map<String, Object>> streamStatements = allStatements().stream()
                .filter(statement -> strings(statement.get("actions")).stream()
                        .anyMatch(action -> Set.of("dynamodb:GetRecords", "dynamodb:GetShardIterator",
                                "dynamodb:DescribeStream").contains(action)))
                .toList();

        assertThat(streamStatements).singleElement().satisfies(statement -> {
            assertThat(strings(statement.get("resources"))).containsExactly("var.stream_arn");
            assertThat(strings(statement.get("actions"))).containsExactlyInAnyOrder("dynamodb:DescribeStream",
                    "dynamodb:GetRecords", "dynamodb:GetShardIterator");
        });
        assertThat(allStatements().stream().filter(IamPolicyTest::listsStreams)).as("ListStreams, on its own")
                .hasSize(1);
        assertThat(TerraformModule.root().moduleCall("stream_consumer"))
                .containsEntry("stream_arn", "module.table.stream_arn")
                .containsEntry("function_role_name", "module.consumer_function.role_name");
    }

    @Test
    void theApiMayTouchTheTableItsIndexAndItsIdempotencyKeysOnly() {
        assertThat(grants("api")).isEqualTo(Map.of(
                "module.table.table_arn", Set.of("dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:PutItem",
                        "dynamodb:Query", "dynamodb:UpdateItem"),
                "module.table.index_arns", Set.of("dynamodb:Query"),
                "module.table.receipts_table_arn", Set.of("dynamodb:DeleteItem", "dynamodb:PutItem",
                        "dynamodb:UpdateItem")));
        assertThat(TerraformModule.root().moduleCall("api_function"))
                .containsEntry("policy_json", "data.aws_iam_policy_document.api.json");
    }

    @Test
    void theConsumerMayCallWhatItsSinksCallAndNothingElse() {
        assertThat(grants("consumer")).isEqualTo(Map.of(
                "module.table.table_arn", Set.of("dynamodb:PutItem", "dynamodb:Query"),
                "module.table.receipts_table_arn", Set.of("dynamodb:DeleteItem", "dynamodb:GetItem",
                        "dynamodb:PutItem", "dynamodb:UpdateItem"),
                "module.email.send_email_resource_arns", Set.of("ses:SendEmail"),
                "aws_secretsmanager_secret.slack_webhook.arn", Set.of("secretsmanager:GetSecretValue"),
                "module.event_bus.value.bus_arn", Set.of("events:PutEvents")));
        assertThat(TerraformModule.root().moduleCall("consumer_function"))
                .containsEntry("policy_json", "data.aws_iam_policy_document.consumer.json");
    }

    @Test
    void theOperatorMayReadTheTableInvokeTheConsumerAndTendTheFailureBucketOnly() {
        assertThat(grants("operator")).isEqualTo(Map.of(
                "module.table.table_arn", Set.of("dynamodb:DescribeTable", "dynamodb:Query", "dynamodb:Scan"),
                "module.consumer_function.alias_arn", Set.of("lambda:InvokeFunction"),
                "*", Set.of("lambda:ListEventSourceMappings"),
                "module.api_function.log_group_arn+module.consumer_function.log_group_arn",
                Set.of("logs:FilterLogEvents"),
                "module.stream_consumer.failure_bucket_arn", Set.of("s3:ListBucket"),
                "module.stream_consumer.failure_bucket_arn/*", Set.of("s3:DeleteObject", "s3:GetObject",
                        "s3:PutObject")));
        assertThat(TerraformModule.root().resource("aws_iam_policy", "operator"))
                .containsEntry("policy", "data.aws_iam_policy_document.operator.json");
    }

    @Test
    void welcomeEmailsMaySendOnlyFromTheStagesIdentitiesWithItsTemplateAndConfigurationSet() {
        String outputs = TerraformModule.module("email").text("outputs.tf").replaceAll("\\s+", " ");

        assertThat(outputs).contains("[aws_sesv2_email_identity.sender.arn, aws_ses_template.welcome.arn,"
                + " aws_sesv2_configuration_set.welcome.arn], [for identity in aws_sesv2_email_identity.sandbox_recipient"
                + " : identity.arn]");
    }

    @Test
    void eachFunctionWritesOnlyToItsOwnLogGroup() {
        List<Map<String, Object>> statements = TerraformModule.module("function").policyStatements().stream()
                .filter(statement -> "logs".equals(statement.get("document"))).toList();

        assertThat(statements).singleElement().satisfies(statement -> {
            assertThat(strings(statement.get("actions")))
                    .containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
            assertThat(strings(statement.get("resources"))).containsExactly("aws_cloudwatch_log_group.this.arn:*");
        });
    }

    @Test
    void eachFunctionHasARoleOfItsOwn() {
        TerraformModule function = TerraformModule.module("function");

        assertThat(function.resources("aws_iam_role")).containsOnlyKeys("this");
        assertThat(function.resource("aws_lambda_function", "this")).containsEntry("role", "aws_iam_role.this.arn");
        assertThat(TerraformModule.root().moduleCalls().values().stream()
                .filter(call -> "./modules/function".equals(call.get("source")))).hasSize(2);
    }

    /** The root document's grants as resource expression => actions; several resources join with '+'. */
    private static Map<String, Set<String>> grants(String document) {
        Map<String, Set<String>> grants = new TreeMap<>();
        TerraformModule.root().policyStatements().stream()
                .filter(statement -> document.equals(statement.get("document")))
                .forEach(statement -> grants.computeIfAbsent(resources(statement.get("resources")), r -> new TreeSet<>())
                        .addAll(strings(statement.get("actions"))));
        return grants;
    }

    private static String resources(Object value) {
        return String.join("+", TerraformModule.references(value));
    }
}
