package io.agent7.ingest.protocol;

import io.agent7.protocol.ProtocolCodec;
import io.agent7.protocol.ProtocolMessage;
import java.io.IOException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;

/**
 * Reads and writes the protocol's messages with {@link ProtocolCodec}, the form the agent
 * uses, rather than with the service's general JSON mapper: a request body declared as an
 * {@code EnrollRequest} or an answer returned as a {@code CheckinAnswer} is exactly what
 * docs/AGENT-PROTOCOL.md shows. A body that is not the message throws the codec's
 * {@link io.agent7.protocol.MalformedMessageException}, which {@link MalformedMessageHandler}
 * answers with a 400 naming each wrong field.
 */
final class ProtocolMessageConverter extends AbstractHttpMessageConverter<ProtocolMessage> {

    ProtocolMessageConverter() {
        super(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
    }

    @Override
    protected boolean supports(Class<?> type) {
        return ProtocolMessage.class.isAssignableFrom(type);
    }

    @Override
    protected ProtocolMessage readInternal(Class<? extends ProtocolMessage> type, HttpInputMessage input)
            throws IOException {
        return ProtocolCodec.decode(input.getBody().readAllBytes(), type);
    }

    @Override
    protected void writeInternal(ProtocolMessage message, HttpOutputMessage output) throws IOException {
        output.getBody().write(ProtocolCodec.encode(message));
    }
}
