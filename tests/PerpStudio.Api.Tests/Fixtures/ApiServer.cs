using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerpStudio.Contracts.V1;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using GrainKeys = PerpStudio.Grains.Abstractions.GrainKeys;
using IMarketGrain = PerpStudio.Grains.Abstractions.IMarketGrain;
using IOrderGateway = PerpStudio.Grains.Abstractions.IOrderGateway;
using PerpStudio.Grains.Hosting;
using PerpStudio.Grains.Orders;
using PerpStudio.Grpc;
using PerpStudio.Grpc.Client;
using PerpStudio.Grpc.Server;
using PerpStudio.Runtime.Hosting;
using PerpStudio.Testing;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Simulated;

namespace PerpStudio.Api.Tests.Fixtures;

/// <summary>
/// The real API on Kestrel (127.0.0.1, port chosen by the OS, h2c) with the real grain runtime in memory, the grains'
/// account and operator grains, and a simulated venue behind the grains' direct order gateway and fill feed. The
/// clock is manual: sessions, challenges and marks age only when a test advances it.
/// </summary>
public sealed class ApiServer : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>The platform bootstrap key configured for the tests.</summary>
    public const string PlatformKey = "platform-test-key-0123456789abcdef0123456789abcdef";

    private readonly Dictionary<string, string?> _settings;
    private WebApplication? _app;
    private ListenOptions? _listener;
    private DirectVenueFillFeed? _fills;

    /// <summary>A server with generous rate limits.</summary>
    public ApiServer()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A server with extra configuration (keys under <c>PerpStudio:Api</c>).</summary>
    internal ApiServer(Dictionary<string, string?> settings)
    {
        _settings = new Dictionary<string, string?>
        {
            ["PerpStudio:Api:PlatformKey"] = PlatformKey,
            ["PerpStudio:Api:RateLimits:PerCredential:Burst"] = "100000",
            ["PerpStudio:Api:RateLimits:PerAddress:Burst"] = "100000",
            ["PerpStudio:Api:RateLimits:Anonymous:Burst"] = "100000",
        };
        foreach (var (k, v) in settings)
        {
            _settings[k] = v;
        }
    }

    /// <summary>Warnings and errors the server logged.</summary>
    public CollectingLoggerProvider Logs { get; } = new();

    /// <summary>The clock of the grains, sessions and venue.</summary>
    public ManualTimeProvider Time { get; } = new();

    /// <summary>The simulated exchange.</summary>
    public SimulatedExchange Exchange { get; private set; } = null!;

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>Where the server listens.</summary>
    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener!.EndPoint).Port}");

    /// <summary>A client for the server.</summary>
    public GrpcClient Client { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Exchange = new SimulatedExchange(SimulatedVenueOptions.Default(new VenueId("sim"), seed: 7), Time);
        var venue = Exchange.OpenAccount("platform", Money.Of(100_000_000m));
        var gateway = new DirectVenueOrderGateway(venue);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.Configuration.AddInMemoryCollection(_settings);
        builder.WebHost.ConfigureKestrel(k => k.ListenGrpcH2c(IPAddress.Loopback, 0, listen => _listener = listen));
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddGrainRuntime()
            .AddPerpStudioGrains()
            .AddMemoryGrainStorage(GrainKeys.Storage)
            .AddGrain<IMarketGrain, VenueBackedMarketGrain>();
        builder.Services.AddSingleton<IVenue>(venue);
        builder.Services.AddSingleton(gateway);
        builder.Services.AddSingleton<IOrderGateway>(gateway);
        builder.Services.AddPerpStudioApi(builder.Configuration);
        _app = builder.Build();
        _app.MapPerpStudioApi();
        await _app.StartAsync();
        _fills = new DirectVenueFillFeed(gateway, _app.Services.GetRequiredService<Runtime.IGrainFactory>());
        await _fills.StartAsync(CancellationToken.None);
        Client = GrpcClient.ForAddress(Address);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_fills is not null)
        {
            await _fills.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Exchange?.Dispose();
    }

    /// <inheritdoc />
    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    /// <summary>Calls a unary method by service and method name.</summary>
    public Task<TResponse> CallAsync<TRequest, TResponse>(string service, string method, TRequest request, Metadata? headers = null)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>, new() =>
        Client.UnaryAsync<TRequest, TResponse>($"/perpstudio.v1.{service}/{method}", request, headers, DateTimeOffset.UtcNow.AddSeconds(30));

    /// <summary>Metadata carrying an API key.</summary>
    public static Metadata Key(string key) => new Metadata().Add("x-api-key", key);

    /// <summary>Metadata carrying a session token.</summary>
    public static Metadata Session(string token) => new Metadata().Add("authorization", "Bearer " + token);

    /// <summary>
    /// Creates an operator offering BTC-USD (cap 20x) and ETH-USD (cap 10x) on the simulated venue, demo deposits on or
    /// off, and returns an admin key of it.
    /// </summary>
    public async Task<string> CreateOperatorAsync(string operatorId, bool demoDeposits = true)
    {
        var platform = Key(PlatformKey);
        await CallAsync<CreateOperatorRequest, OperatorConfig>("OperatorAdminService", "CreateOperator",
            new CreateOperatorRequest { OperatorId = operatorId, Branding = new Branding { DisplayName = operatorId.ToUpperInvariant() } }, platform);
        var created = await CallAsync<CreateApiKeyRequest, CreateApiKeyReply>("OperatorAdminService", "CreateApiKey",
            new CreateApiKeyRequest { Label = "admin", Scopes = { ApiKeyScope.Admin } }, Key(PlatformKey).Add("x-operator-id", operatorId));
        var admin = Key(created.Secret);
        var markets = new SetMarketsRequest
        {
            Markets =
            {
                new OperatorMarket { Market = "BTC-USD", DefaultLeverage = 10, MaxLeverage = 20, MarginModes = { MarginMode.Cross, MarginMode.Isolated }, Venues = { "sim" } },
                new OperatorMarket { Market = "ETH-USD", DefaultLeverage = 5, MaxLeverage = 10, MarginModes = { MarginMode.Cross, MarginMode.Isolated }, Venues = { "sim" } },
            },
        };
        await CallAsync<SetMarketsRequest, OperatorConfig>("OperatorAdminService", "SetMarkets", markets, admin);
        await CallAsync<SetFeaturesRequest, OperatorConfig>("OperatorAdminService", "SetFeatures",
            new SetFeaturesRequest { Features = new Features { OrderBook = true, Chart = true, DemoDeposits = demoDeposits } }, admin);
        return created.Secret;
    }

    /// <summary>Signs in with a wallet through the API and returns the session token.</summary>
    public async Task<string> SignInAsync(string operatorId, PrivateKey wallet)
    {
        var challenge = await CallAsync<GetSignInChallengeRequest, SignInChallenge>("AuthService", "GetSignInChallenge",
            new GetSignInChallengeRequest { Address = wallet.Address.ToString(), ChainId = 1 }, new Metadata().Add("x-operator-id", operatorId));
        var signature = PersonalMessage.Sign(wallet, challenge.Message).ToHex();
        var reply = await CallAsync<SignInRequest, SignInReply>("AuthService", "SignIn",
            new SignInRequest { Message = challenge.Message, Signature = signature }, new Metadata().Add("x-operator-id", operatorId));
        return reply.SessionToken;
    }
}
