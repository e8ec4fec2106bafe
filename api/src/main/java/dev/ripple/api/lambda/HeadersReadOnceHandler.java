package dev.ripple.api.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.function.BinaryTypeConfiguration;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventHandler;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPResponseServletResponse;
import io.micronaut.servlet.http.BodyBuilder;
import io.micronaut.servlet.http.ServletExchange;

/**
 * Micronaut's handler of API Gateway payload 2.0 events, each request made a {@link HeadersReadOnceRequest}. The beans
 * every exchange needs are looked up once, where Micronaut's handler asks the context for them per request.
 */
final class HeadersReadOnceHandler extends APIGatewayV2HTTPEventHandler {
    private final ConversionService conversionService;
    private final BinaryTypeConfiguration binaryTypes;
    private final BodyBuilder bodyBuilder;

    HeadersReadOnceHandler(ApplicationContext applicationContext) {
        super(applicationContext);
        this.conversionService = applicationContext.getConversionService();
        this.binaryTypes = applicationContext.getBean(BinaryTypeConfiguration.class);
        this.bodyBuilder = applicationContext.getBean(BodyBuilder.class);
    }

    @Override
    protected ServletExchange<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> createExchange(
            APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse answer) {
        // As in Micronaut's handler, the answer is made by the response below, not the one handed in. Its
        // constructor is protected: Micronaut makes it only in its own package.
        var response = new APIGatewayV2HTTPResponseServletResponse<Object>(conversionService, binaryTypes) {
        };
        return new HeadersReadOnceRequest<>(event, response, conversionService, bodyBuilder);
    }
}
