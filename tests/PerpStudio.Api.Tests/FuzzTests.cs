using System.Diagnostics;
using System.Net;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Api.Application;
using PerpStudio.Api.Tests.Fixtures;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using PerpStudio.Grpc;

namespace PerpStudio.Api.Tests;

/// <summary>
/// Seeded garbage at every method: random bytes as messages, well-typed messages with random values, truncated and
/// oversized frames, wrong content types, random metadata. Every call gets a proper status (never INTERNAL or UNKNOWN),
/// and no refused call changes the trader's state.
/// </summary>
public sealed class FuzzTests : IClassFixture<ApiServer>
{
    private const int Seed = 20261121;
    private readonly ApiServer _server;
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public FuzzTests(ApiServer server, Xunit.Abstractions.ITestOutputHelper output)
    {
        _server = server;
        _output = output;
    }

    [Fact]
    public async Task Thousands_of_malformed_and_random_requests_get_proper_statuses_and_change_nothing_when_refused()
    {
        // an operator without demo deposits and a trader without collateral: nothing the fuzz sends can open a position,
        // so the only changes possible are synchronous ones made by an accepted call
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("fuzz", demoDeposits: false));
        var wallet = PrivateKey.Generate();
        var token = await _server.SignInAsync("fuzz", wallet);
        var session = ApiServer.Session(token);
        await _server.CallAsync<CreateApiKeyRequest, CreateApiKeyReply>("OperatorAdminService", "CreateApiKey",
            new CreateApiKeyRequest { Label = "bot", Scopes = { ApiKeyScope.Trade }, TraderAddress = wallet.Address.ToString() }, admin);

        var random = new Random(Seed);
        var messages = new RandomMessages(random);
        using var raw = new RawGrpc(_server.Address);
        var methods = DescriptorCalls.Methods;
        var credentials = new Metadata?[] { session, session, session, admin, null };
        var state = await StateAsync(wallet);
        var watch = Stopwatch.StartNew();
        var counts = new Dictionary<string, int>();
        var calls = 0;
        while (calls < 2500 && watch.Elapsed < TimeSpan.FromSeconds(25))
        {
            calls++;
            var method = methods[random.Next(methods.Count)];
            var path = $"/{method.Service.FullName}/{method.Name}";
            var kind = random.Next(6);
            var auth = Headers(credentials[random.Next(credentials.Length)], token);
            int? status;
            switch (kind)
            {
                case 0: // random bytes as the message
                    var garbage = await raw.SendAsync(path, RawGrpc.Frame(Bytes(random, random.Next(0, 200))), "application/grpc", auth);
                    garbage.GrpcStatus.ShouldNotBeNull($"{path}: HTTP {garbage.HttpStatus} without grpc-status");
                    status = garbage.GrpcStatus;
                    break;
                case 1: // a truncated frame: the declared length exceeds what is sent
                    var payload = messages.Next(method.InputType).ToByteArray();
                    var truncated = await raw.SendAsync(path, RawGrpc.Frame(payload, (uint)payload.Length + (uint)random.Next(1, 1000)), "application/grpc", auth);
                    truncated.GrpcStatus.ShouldNotBeNull($"{path}: truncated frame got HTTP {truncated.HttpStatus} without grpc-status");
                    status = truncated.GrpcStatus;
                    break;
                case 2: // a huge declared size
                    var huge = await raw.SendAsync(path, RawGrpc.Frame([1, 2, 3], 0x7FFF_FFF0), "application/grpc", auth);
                    huge.GrpcStatus.ShouldNotBeNull($"{path}: huge frame got HTTP {huge.HttpStatus} without grpc-status");
                    status = huge.GrpcStatus;
                    ((StatusCode)status!.Value).ShouldBeOneOf([StatusCode.ResourceExhausted, StatusCode.Unauthenticated, StatusCode.PermissionDenied], path);
                    break;
                case 3: // a wrong content type: refused at the HTTP level, nothing runs
                    var wrong = (await raw.SendAsync(path, RawGrpc.Frame([]), random.Next(2) == 0 ? "application/json" : "text/plain", auth));
                    wrong.HttpStatus.ShouldBe(HttpStatusCode.UnsupportedMediaType, path);
                    continue;
                case 4: // random metadata
                    var noise = Enumerable.Range(0, random.Next(1, 5)).Select(_ => RandomHeader(random)).ToList();
                    var outcome = await DescriptorCalls.InvokeAsync(_server.Client, method, messages.Next(method.InputType), ToMetadata(noise));
                    status = (int)outcome.Code;
                    break;
                default: // a well-typed message with random values
                    var typed = await DescriptorCalls.InvokeAsync(_server.Client, method, messages.Next(method.InputType), credentials[random.Next(credentials.Length)]);
                    status = (int)typed.Code;
                    break;
            }

            status.ShouldNotBeNull($"{path}: no grpc-status");
            ((StatusCode)status.Value).ShouldNotBeOneOf([StatusCode.Internal, StatusCode.Unknown, StatusCode.Unimplemented], $"{path} kind {kind}");
            var key = ((StatusCode)status.Value).ToString();
            counts[key] = counts.GetValueOrDefault(key) + 1;
            var now = await StateAsync(wallet);
            if (status != (int)StatusCode.OK)
            {
                now.ShouldBe(state, $"refused {path} kind {kind} changed the trader's state");
            }

            state = now;
        }

        _output.WriteLine($"{calls} calls in {watch.Elapsed.TotalSeconds:F1} s: {string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}");
        calls.ShouldBeGreaterThan(500);
        counts.Keys.ShouldContain(nameof(StatusCode.InvalidArgument));
        counts.Keys.ShouldContain(nameof(StatusCode.Unauthenticated));
    }

    private async Task<string> StateAsync(PrivateKey wallet)
    {
        var accounts = _server.Services.GetRequiredService<Application.AccountService>();
        var admin = _server.Services.GetRequiredService<OperatorAdminService>();
        var trader = CallerContext.TraderSession("fuzz", wallet.Address, "inspector");
        var summary = await accounts.GetSummaryAsync(trader);
        var orders = await accounts.ListOpenOrdersAsync(trader, null);
        var ledger = await accounts.GetLedgerAsync(trader, new Grains.Abstractions.PageRequest(null, 500));
        var config = await admin.GetOperatorAsync(CallerContext.OperatorAdmin("fuzz", "inspector"));
        return $"{summary.Collateral}|{summary.Reserved}|{orders.Count}|{ledger.Items.Length}|{config.Trading.Version}|{config.Profile.Version}";
    }

    private static IEnumerable<(string, string)> Headers(Metadata? credential, string token) =>
        credential is null ? [] : credential.Select(e => (e.Key, e.Value)).ToList();

    private static Metadata ToMetadata(IEnumerable<(string Name, string Value)> headers)
    {
        var metadata = new Metadata();
        foreach (var (name, value) in headers)
        {
            metadata.Add(name, value);
        }

        return metadata;
    }

    private static (string, string) RandomHeader(Random random) => random.Next(5) switch
    {
        0 => ("x-api-key", RandomAscii(random, random.Next(0, 100))),
        1 => ("authorization", "Bearer " + RandomAscii(random, random.Next(0, 60))),
        2 => ("authorization", RandomAscii(random, random.Next(1, 30))),
        3 => ("x-operator-id", RandomAscii(random, random.Next(0, 40))),
        _ => ("x-" + new string((char)('a' + random.Next(26)), random.Next(1, 10)), RandomAscii(random, random.Next(0, 50))),
    };

    private static string RandomAscii(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next(0x21, 0x7f);
        }

        return new string(chars);
    }

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
