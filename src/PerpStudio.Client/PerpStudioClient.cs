using Google.Protobuf;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using PerpStudio.Grpc;
using PerpStudio.Grpc.Client;

namespace PerpStudio.Client;

/// <summary>
/// The typed .NET client of the PerpStudio gRPC API: one method per RPC of every service in protos/perpstudio/v1
/// (unary methods end in <c>Async</c>; server-streaming ones return <see cref="IAsyncEnumerable{T}"/>).
/// Credentials are sent as metadata with every call: an API key (<c>x-api-key</c>) or a session token from
/// <see cref="SignInWithWalletAsync"/> (<c>authorization: Bearer</c>), plus the operator (<c>x-operator-id</c>) when set.
/// Failures surface as <see cref="RpcException"/> with the server's status (e.g. INVALID_ARGUMENT naming the field).
/// Thread-safe: one client can serve many concurrent calls over its HTTP/2 connections.
/// </summary>
public sealed partial class PerpStudioClient : IDisposable
{
    private readonly GrpcClient _grpc;
    private readonly PerpStudioClientOptions _options;
    private volatile PerpStudioCredentials _credentials;

    /// <summary>A client of the server at <paramref name="address"/> (<c>http://</c> for h2c, <c>https://</c> for TLS).</summary>
    public PerpStudioClient(Uri address, PerpStudioCredentials? credentials = null, PerpStudioClientOptions? options = null)
        : this(GrpcClient.ForAddress(address ?? throw new ArgumentNullException(nameof(address)), (options ?? new()).Grpc), credentials, options)
    {
    }

    /// <summary>A client over an existing <see cref="GrpcClient"/> (shared connections); the client takes ownership of it.</summary>
    public PerpStudioClient(GrpcClient grpc, PerpStudioCredentials? credentials = null, PerpStudioClientOptions? options = null)
    {
        _grpc = grpc ?? throw new ArgumentNullException(nameof(grpc));
        _options = options ?? new PerpStudioClientOptions();
        _credentials = credentials ?? PerpStudioCredentials.None;
    }

    /// <summary>The credentials sent with every call; replaced by a successful wallet sign-in.</summary>
    public PerpStudioCredentials Credentials
    {
        get => _credentials;
        set => _credentials = value ?? PerpStudioCredentials.None;
    }

    /// <summary>
    /// Signs in with a wallet (Sign-In with Ethereum, EIP-4361): asks for a challenge for the key's address, signs the
    /// exact message it returns (EIP-191 personal message) and exchanges the signature for a session token, which the
    /// client then sends with every call. The operator comes from <see cref="PerpStudioCredentials.OperatorId"/>.
    /// </summary>
    /// <param name="wallet">The trader's key; it never leaves the process, only the signature does.</param>
    /// <param name="chainId">The chain id put in the message (1 by default).</param>
    /// <param name="cancellationToken">Cancels the sign-in.</param>
    public async Task<SignInReply> SignInWithWalletAsync(PrivateKey wallet, ulong chainId = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        var challenge = await GetSignInChallengeAsync(
            new GetSignInChallengeRequest { Address = wallet.Address.ToString(), ChainId = chainId }, cancellationToken: cancellationToken);
        var signature = PersonalMessage.Sign(wallet, challenge.Message);
        var reply = await SignInAsync(new SignInRequest { Message = challenge.Message, Signature = signature.ToHex() }, cancellationToken: cancellationToken);
        Credentials = PerpStudioCredentials.Session(reply.SessionToken, _credentials.OperatorId);
        return reply;
    }

    /// <inheritdoc />
    public void Dispose() => _grpc.Dispose();

    // path: "/{package.Service}/{Method}", a constant at every call site (no string is built per call)
    private Task<TResponse> UnaryAsync<TRequest, TResponse>(string path, TRequest request, DateTimeOffset? deadline, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(request);
        return _grpc.UnaryAsync<TRequest, TResponse>(path, request, _credentials.ToMetadata(), deadline ?? DefaultDeadline(), cancellationToken);
    }

    private IAsyncEnumerable<TResponse> ServerStreaming<TRequest, TResponse>(string path, TRequest request, DateTimeOffset? deadline, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(request);
        return _grpc.ServerStreaming<TRequest, TResponse>(path, request, _credentials.ToMetadata(), deadline, cancellationToken);
    }

    private DateTimeOffset? DefaultDeadline() =>
        _options.DefaultTimeout is { } timeout ? _options.Grpc.TimeProvider.GetUtcNow() + timeout : null;
}
