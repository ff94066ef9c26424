package io.agent7.protocol;

/**
 * A message of docs/AGENT-PROTOCOL.md that travels as a JSON body of its own: what
 * {@link ProtocolCodec#encode} writes and {@link ProtocolCodec#decode} reads.
 */
public sealed interface ProtocolMessage
        permits EnrollRequest,
                EnrollAnswer,
                TokenRequest,
                TokenAnswer,
                CheckinReport,
                CheckinAnswer,
                Policy,
                BatchAnswer,
                CommandsAnswer,
                CommandReport,
                CommandStatus {}
