using PerpStudio.Api.Tests.Fixtures;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using PerpStudio.Grpc;

namespace PerpStudio.Api.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Calls_beyond_a_credentials_bucket_get_resource_exhausted_with_a_retry_time()
    {
        await using var server = new ApiServer(new Dictionary<string, string?>
        {
            ["PerpStudio:Api:RateLimits:PerCredential:Burst"] = "3",
            ["PerpStudio:Api:RateLimits:PerCredential:PermitsPerPeriod"] = "1",
            ["PerpStudio:Api:RateLimits:PerCredential:Period"] = "01:00:00",
        });
        await server.InitializeAsync();
        await server.CreateOperatorAsync("limits");
        var session = ApiServer.Session(await server.SignInAsync("limits", PrivateKey.Generate()));
        for (var i = 0; i < 3; i++)
        {
            await server.CallAsync<GetAccountSummaryRequest, AccountSummary>("AccountService", "GetAccountSummary", new GetAccountSummaryRequest(), session);
        }

        var limited = await Should.ThrowAsync<RpcException>(() => server.CallAsync<GetAccountSummaryRequest, AccountSummary>("AccountService", "GetAccountSummary", new GetAccountSummaryRequest(), session));
        limited.StatusCode.ShouldBe(StatusCode.ResourceExhausted);
        limited.Trailers.GetValue("perpstudio-error-code").ShouldBe("credential_rate_limited");
        long.Parse(limited.Trailers.GetValue("perpstudio-retry-after-ms")!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);

        // another credential has its own bucket
        var fresh = ApiServer.Session(await server.SignInAsync("limits", PrivateKey.Generate()));
        await server.CallAsync<GetAccountSummaryRequest, AccountSummary>("AccountService", "GetAccountSummary", new GetAccountSummaryRequest(), fresh);
    }

    [Fact]
    public async Task Anonymous_calls_are_limited_per_peer()
    {
        await using var server = new ApiServer(new Dictionary<string, string?>
        {
            ["PerpStudio:Api:RateLimits:Anonymous:Burst"] = "2",
            ["PerpStudio:Api:RateLimits:Anonymous:PermitsPerPeriod"] = "1",
            ["PerpStudio:Api:RateLimits:Anonymous:Period"] = "01:00:00",
        });
        await server.InitializeAsync();
        var statuses = new List<StatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var refused = await Should.ThrowAsync<RpcException>(() => server.CallAsync<GetSignInChallengeRequest, SignInChallenge>("AuthService", "GetSignInChallenge",
                new GetSignInChallengeRequest { Address = "0x12", ChainId = 1 }));
            statuses.Add(refused.StatusCode);
        }

        statuses.ShouldBe([StatusCode.InvalidArgument, StatusCode.InvalidArgument, StatusCode.ResourceExhausted]);
    }
}
