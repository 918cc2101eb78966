using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Api.Application;
using PerpStudio.Api.Identity;
using PerpStudio.Api.Tests.Fixtures;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using PerpStudio.Grpc;

namespace PerpStudio.Api.Tests;

/// <summary>A verified session's caller is reused across its calls; the session itself is still checked on every call.</summary>
public sealed class SessionCallerTests : IClassFixture<ApiServer>
{
    private readonly ApiServer _server;

    public SessionCallerTests(ApiServer server) => _server = server;

    private CredentialAuthenticator Authenticator => _server.Services.GetRequiredService<CredentialAuthenticator>();

    [Fact]
    public async Task A_session_that_has_been_used_is_refused_on_the_very_next_call_after_sign_out()
    {
        await _server.CreateOperatorAsync("reuse-revoke");
        var token = await _server.SignInAsync("reuse-revoke", PrivateKey.Generate());
        await SummaryAsync(token);
        await SummaryAsync(token);

        await _server.Services.GetRequiredService<AuthService>().SignOutAsync(token);

        var refused = await Should.ThrowAsync<RpcException>(() => SummaryAsync(token));
        refused.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        refused.Trailers.GetValue("perpstudio-error-code").ShouldBe("session_revoked");
        var direct = await Should.ThrowAsync<Errors.ApiException>(() => Authenticator.SessionCallerAsync(token));
        direct.Error.Code.ShouldBe("session_revoked");
    }

    [Fact]
    public async Task A_session_that_has_been_used_is_refused_on_the_very_next_call_once_it_expires()
    {
        await _server.CreateOperatorAsync("reuse-expire");
        var token = await _server.SignInAsync("reuse-expire", PrivateKey.Generate());
        await SummaryAsync(token);
        var lifetime = _server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PerpStudioApiOptions>>().Value.SessionLifetime;

        _server.Time.Advance(lifetime - TimeSpan.FromSeconds(1));
        await SummaryAsync(token);
        _server.Time.Advance(TimeSpan.FromSeconds(1));

        var refused = await Should.ThrowAsync<RpcException>(() => SummaryAsync(token));
        refused.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        refused.Trailers.GetValue("perpstudio-error-code").ShouldBe("session_expired");
    }

    [Fact]
    public async Task Calls_of_one_session_share_one_caller_and_a_second_session_of_the_same_trader_gets_its_own()
    {
        await _server.CreateOperatorAsync("reuse-share");
        var wallet = PrivateKey.Generate();
        var first = await _server.SignInAsync("reuse-share", wallet);
        var second = await _server.SignInAsync("reuse-share", wallet);

        var a = await Authenticator.SessionCallerAsync(first);
        var again = await Authenticator.AuthenticateAsync(null, "Bearer " + first);
        var b = await Authenticator.SessionCallerAsync(second);

        again.ShouldBeSameAs(a);
        b.ShouldNotBeSameAs(a);
        b.CredentialId.ShouldNotBe(a.CredentialId);
        a.OperatorId.ShouldBe("reuse-share");
        a.Trader.ShouldBe(wallet.Address);
        a.AccountKey.ShouldBe(Grains.Abstractions.GrainKeys.Account("reuse-share", wallet.Address.ToLowerHex()));
        b.AccountKey.ShouldBe(a.AccountKey);
    }

    [Fact]
    public void A_caller_copied_for_another_trader_derives_that_traders_keys_and_equality_ignores_what_was_derived()
    {
        var first = PrivateKey.Generate().Address;
        var other = PrivateKey.Generate().Address;
        var caller = CallerContext.TraderSession("op", first, "s1");
        var firstKey = caller.AccountKey;

        var copy = caller with { Trader = other };

        firstKey.ShouldBe(Grains.Abstractions.GrainKeys.Account("op", first.ToLowerHex()));
        copy.TraderId.ShouldBe(other.ToLowerHex());
        copy.AccountKey.ShouldBe(Grains.Abstractions.GrainKeys.Account("op", other.ToLowerHex()));
        var fresh = CallerContext.TraderSession("op", first, "s1");
        fresh.ShouldBe(caller);
        fresh.GetHashCode().ShouldBe(caller.GetHashCode());
        copy.ShouldNotBe(caller);
        (copy with { Trader = first }).ShouldBe(caller);
    }

    private Task<AccountSummary> SummaryAsync(string token) =>
        _server.CallAsync<GetAccountSummaryRequest, AccountSummary>("AccountService", "GetAccountSummary", new GetAccountSummaryRequest(), ApiServer.Session(token));
}
