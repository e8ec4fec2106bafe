package dev.ripple.sinks.email;

import dev.ripple.sink.DeliveryOutcome;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which SES errors are worth a retry (a pure function of the SDK's exception). */
class SesErrorClassificationTest {

    private static AwsErrorDetails details(String message) {
        return AwsErrorDetails.builder().errorMessage(message).build();
    }

    @Test
    void throttlingIsRetryable() {
        assertThat(SesMailer.classify(TooManyRequestsException.builder().statusCode(429)
                .awsErrorDetails(details("Maximum sending rate exceeded.")).build()))
                .isEqualTo(DeliveryOutcome.retryable("SES TooManyRequestsException: Maximum sending rate exceeded."));
    }

    @Test
    void aDailyQuotaReachedIsRetryable() {
        assertThat(SesMailer.classify(LimitExceededException.builder().statusCode(400).build()))
                .isInstanceOf(DeliveryOutcome.RetryableFailure.class);
    }

    @Test
    void aRejectedMessageIsPermanent() {
        assertThat(SesMailer.classify(MessageRejectedException.builder().statusCode(400)
                .awsErrorDetails(details("Email address is not verified.")).build()))
                .isEqualTo(DeliveryOutcome.permanent("SES MessageRejectedException: Email address is not verified."));
    }

    @Test
    void anInvalidAddressIsPermanent() {
        assertThat(SesMailer.classify(BadRequestException.builder().statusCode(400)
                .awsErrorDetails(details("Missing final '@domain'")).build()))
                .isInstanceOf(DeliveryOutcome.PermanentFailure.class);
    }

    @Test
    void anErrorOnSessSideIsRetryable() {
        assertThat(SesMailer.classify(SesV2Exception.builder().statusCode(503).build()))
                .isInstanceOf(DeliveryOutcome.RetryableFailure.class);
    }

    @Test
    void anUnclassifiedClientErrorIsPermanent() {
        assertThat(SesMailer.classify(SesV2Exception.builder().statusCode(400).build()))
                .isInstanceOf(DeliveryOutcome.PermanentFailure.class);
    }

    @Test
    void noAnswerAtAllIsRetryable() {
        assertThat(SesMailer.classify(SdkClientException.create("Unable to execute HTTP request")))
                .isInstanceOf(DeliveryOutcome.RetryableFailure.class);
    }
}
