package dev.ripple.sinks.email;

import dev.ripple.sink.DeliveryOutcome;
import dev.ripple.sinks.receipt.ReceiptConfig;
import dev.ripple.sinks.receipt.ReceiptDeadline;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Sends through SES v2 {@code SendEmail} (AWS, or the emulator at {@code aws.services.sesv2.endpoint-override}). */
@Singleton
@Requires(condition = SesOrOutbox.UseSes.class)
class SesMailer implements Mailer {
    private static final Logger LOG = LoggerFactory.getLogger(SesMailer.class);
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final SesV2Client ses;
    private final WelcomeEmailConfig config;
    private final JsonMapper json;

    SesMailer(SesV2Client ses, WelcomeEmailConfig config, ReceiptConfig receipts, JsonMapper json) {
        if (config.callTimeout().compareTo(receipts.inProgressTimeout()) >= 0) {
            throw new ConfigurationException("ripple.sinks.welcome-email.call-timeout (" + config.callTimeout()
                    + ") must be shorter than ripple.sinks.receipts.in-progress-timeout (" + receipts.inProgressTimeout()
                    + "): a send still waiting for SES when its receipt times out could be sent twice");
        }
        this.ses = ses;
        this.config = config;
        this.json = json;
    }

    @Override
    public DeliveryOutcome send(WelcomeEmail email, String customerId, ReceiptDeadline deadline) {
        // The receipt may have been claimed slowly (DynamoDB's own call timeout is 9 s), or the invocation be near its
        // end: an email whose call could still be waiting for SES when another delivery takes the receipt over, or
        // when Lambda stops the invocation, is not sent now but retried.
        Optional<String> tooLittleLeft = deadline.tooLittleLeftFor("SES's answer",
                "ripple.sinks.welcome-email.call-timeout", config.callTimeout());
        if (tooLittleLeft.isPresent()) {
            String reason = "not sent: " + tooLittleLeft.get() + "; a later delivery sends it";
            LOG.warn("Welcome email for customer {} {}", customerId, reason);
            return DeliveryOutcome.untried(reason);
        }
        try {
            String messageId = ses.sendEmail(b -> b
                    .fromEmailAddress(email.from())
                    .replyToAddresses(email.replyTo())
                    .destination(d -> d.toAddresses(email.to()))
                    .configurationSetName(config.configurationSet())
                    .content(content(email))).messageId();
            LOG.info("Welcome email for customer {} sent as SES message {}", customerId, messageId);
            return DeliveryOutcome.delivered();
        } catch (SdkException e) {
            return classify(e);
        }
    }

    /**
     * Throttling, quotas, a paused account and anything on SES's side are worth retrying; a rejected message, a
     * bad request (an invalid address) or a missing identity or configuration set will fail the same way again.
     * The reason names the error, never the address.
     */
    static DeliveryOutcome classify(SdkException e) {
        if (answerMayHaveBeenLost(e)) {
            return DeliveryOutcome.uncertain("SES did not answer in time (" + e.getClass().getSimpleName()
                    + "); it may still send the email");
        }
        String reason = "SES " + e.getClass().getSimpleName()
                + (e instanceof SesV2Exception ses && ses.awsErrorDetails() != null
                        && ses.awsErrorDetails().errorMessage() != null
                        ? ": " + ses.awsErrorDetails().errorMessage() : "");
        return switch (e) {
            case TooManyRequestsException t -> DeliveryOutcome.retryable(reason);
            case LimitExceededException l -> DeliveryOutcome.retryable(reason);
            case SendingPausedException p -> DeliveryOutcome.retryable(reason);
            case MessageRejectedException r -> DeliveryOutcome.permanent(reason);
            case BadRequestException b -> DeliveryOutcome.permanent(reason);
            case MailFromDomainNotVerifiedException m -> DeliveryOutcome.permanent(reason);
            case NotFoundException n -> DeliveryOutcome.permanent(reason);
            case AccountSuspendedException a -> DeliveryOutcome.permanent(reason);
            case SesV2Exception other when other.isThrottlingException() || other.statusCode() >= 500 ->
                    DeliveryOutcome.retryable(reason);
            case SesV2Exception other when other.statusCode() >= 400 ->
                    DeliveryOutcome.permanent(reason + " (HTTP " + other.statusCode() + ")");
            case SdkClientException unreachable -> DeliveryOutcome.retryable(reason);
            default -> DeliveryOutcome.retryable(reason);
        };
    }

    /**
     * The request went out and no answer came: the call timed out, or the connection broke while reading the answer.
     * SES may have sent the email. A refused connection or an unknown host is not this: nothing was sent.
     */
    private static boolean answerMayHaveBeenLost(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException timeout
                    && !String.valueOf(timeout.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
                return true;
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return false;
            }
        }
        return false;
    }

    private EmailContent content(WelcomeEmail email) {
        if (config.template() != null) {
            return EmailContent.builder().template(t -> t
                    .templateName(config.template())
                    .templateData(templateData(email))).build();
        }
        return EmailContent.builder().simple(m -> m
                .subject(utf8(email.subject()))
                .body(body -> body.text(utf8(email.text())).html(utf8(email.html())))).build();
    }

    private String templateData(WelcomeEmail email) {
        try {
            return json.writeValueAsString(email.templateData());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset(UTF_8).build();
    }
}
