namespace PerpStudio.Grpc.Client;

/// <summary>A finished unary or client-streaming call with everything the server sent besides the message.</summary>
/// <typeparam name="TResponse">The response message type.</typeparam>
/// <param name="Response">The response message.</param>
/// <param name="ResponseHeaders">The server's custom response headers.</param>
/// <param name="Trailers">The server's custom trailers (without grpc-status and grpc-message).</param>
public sealed record GrpcCallResult<TResponse>(TResponse Response, Metadata ResponseHeaders, Metadata Trailers);
