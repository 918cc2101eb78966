using PerpStudio.Api.Tests.Fixtures;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using PerpStudio.Grpc;

namespace PerpStudio.Api.Tests;

public sealed class AuthTests : IClassFixture<ApiServer>
{
    private readonly ApiServer _server;

    public AuthTests(ApiServer server) => _server = server;

    [Fact]
    public async Task A_challenge_is_the_exact_eip4361_message_for_the_operator_host()
    {
        await _server.CreateOperatorAsync("siwe");
        var wallet = PrivateKey.Generate();
        var challenge = await ChallengeAsync("siwe", wallet);
        var message = Ethereum.Siwe.SiweMessage.Parse(challenge.Message);
        message.Domain.ShouldBe("siwe.perpstudio.localhost");
        message.Address.ShouldBe(wallet.Address);
        message.Nonce.ShouldBe(challenge.Nonce);
        message.IssuedAt.ShouldBe(_server.Time.GetUtcNow());
        message.ExpirationTime.ShouldBe(_server.Time.GetUtcNow().AddMinutes(10));
        challenge.ExpiresAtUnixMs.ShouldBe(message.ExpirationTime!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_signature_from_another_key_is_refused_and_leaves_the_nonce_usable()
    {
        await _server.CreateOperatorAsync("forge");
        var wallet = PrivateKey.Generate();
        var challenge = await ChallengeAsync("forge", wallet);
        var forged = PersonalMessage.Sign(PrivateKey.Generate(), challenge.Message).ToHex();
        var refused = await Should.ThrowAsync<RpcException>(() => SignInAsync("forge", challenge.Message, forged));
        refused.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        refused.Trailers.GetValue("perpstudio-error-code").ShouldBe("signer_mismatch");

        var reply = await SignInAsync("forge", challenge.Message, PersonalMessage.Sign(wallet, challenge.Message).ToHex());
        reply.TraderAddress.ShouldBe(wallet.Address.ToString());
    }

    [Fact]
    public async Task A_tampered_message_is_refused()
    {
        await _server.CreateOperatorAsync("tamper");
        var wallet = PrivateKey.Generate();
        var challenge = await ChallengeAsync("tamper", wallet);
        var signature = PersonalMessage.Sign(wallet, challenge.Message).ToHex();
        var tampered = challenge.Message.Replace("Sign in to trade.", "Sign in to trade!", StringComparison.Ordinal);
        var refused = await Should.ThrowAsync<RpcException>(() => SignInAsync("tamper", tampered, signature));
        refused.StatusCode.ShouldBe(StatusCode.Unauthenticated);

        // the same tampering signed by the wallet itself fails on the domain the challenge fixed
        var otherDomain = challenge.Message.Replace("tamper.perpstudio.localhost", "evil.example", StringComparison.Ordinal);
        var resigned = await Should.ThrowAsync<RpcException>(() => SignInAsync("tamper", otherDomain, PersonalMessage.Sign(wallet, otherDomain).ToHex()));
        resigned.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        resigned.Trailers.GetValue("perpstudio-error-code").ShouldBe("domain_mismatch");
    }

    [Fact]
    public async Task A_nonce_signs_in_once_and_only_before_it_expires()
    {
        await _server.CreateOperatorAsync("nonce");
        var wallet = PrivateKey.Generate();
        var challenge = await ChallengeAsync("nonce", wallet);
        var signature = PersonalMessage.Sign(wallet, challenge.Message).ToHex();
        await SignInAsync("nonce", challenge.Message, signature);
        var replay = await Should.ThrowAsync<RpcException>(() => SignInAsync("nonce", challenge.Message, signature));
        replay.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        replay.Trailers.GetValue("perpstudio-error-code").ShouldBe("nonce_unknown");

        var late = await ChallengeAsync("nonce", wallet);
        _server.Time.Advance(TimeSpan.FromMinutes(11));
        var expired = await Should.ThrowAsync<RpcException>(() => SignInAsync("nonce", late.Message, PersonalMessage.Sign(wallet, late.Message).ToHex()));
        expired.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        expired.Trailers.GetValue("perpstudio-error-code").ShouldBe("challenge_expired");
    }

    [Fact]
    public async Task A_nonce_of_one_operator_does_not_sign_in_to_another()
    {
        await _server.CreateOperatorAsync("home-op");
        await _server.CreateOperatorAsync("away-op");
        var wallet = PrivateKey.Generate();
        var challenge = await ChallengeAsync("home-op", wallet);
        var refused = await Should.ThrowAsync<RpcException>(() => SignInAsync("away-op", challenge.Message, PersonalMessage.Sign(wallet, challenge.Message).ToHex()));
        refused.StatusCode.ShouldBe(StatusCode.Unauthenticated);
    }

    [Fact]
    public async Task A_malformed_address_or_unknown_operator_is_refused_precisely()
    {
        var bad = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<GetSignInChallengeRequest, SignInChallenge>("AuthService", "GetSignInChallenge",
            new GetSignInChallengeRequest { Address = "0x1234", ChainId = 1 }, new Metadata().Add("x-operator-id", "anyone")));
        bad.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        bad.Trailers.GetValue("perpstudio-error-field").ShouldBe("address");

        var unknown = await Should.ThrowAsync<RpcException>(() => ChallengeAsync("no-such-operator", PrivateKey.Generate()));
        unknown.StatusCode.ShouldBe(StatusCode.NotFound);
    }

    [Fact]
    public async Task A_revoked_api_key_stops_working()
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("revoke"));
        var wallet = PrivateKey.Generate();
        var created = await _server.CallAsync<CreateApiKeyRequest, CreateApiKeyReply>("OperatorAdminService", "CreateApiKey",
            new CreateApiKeyRequest { Label = "bot", Scopes = { ApiKeyScope.Read }, TraderAddress = wallet.Address.ToString() }, admin);
        var key = ApiServer.Key(created.Secret);
        var summary = await _server.CallAsync<GetAccountSummaryRequest, AccountSummary>("AccountService", "GetAccountSummary", new GetAccountSummaryRequest(), key);
        summary.TraderAddress.ShouldBe(wallet.Address.ToString());
        var readOnly = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<WithdrawRequest, WithdrawReply>("AccountService", "Withdraw",
            new WithdrawRequest { Amount = "1", WithdrawalId = "w" }, key));
        readOnly.StatusCode.ShouldBe(StatusCode.PermissionDenied);

        await _server.CallAsync<RevokeApiKeyRequest, RevokeApiKeyReply>("OperatorAdminService", "RevokeApiKey", new RevokeApiKeyRequest { KeyId = created.Key.KeyId }, admin);
        var revoked = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<GetAccountSummaryRequest, AccountSummary>("AccountService", "GetAccountSummary", new GetAccountSummaryRequest(), key));
        revoked.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        revoked.Trailers.GetValue("perpstudio-error-code").ShouldBe("api_key_revoked");
    }

    private Task<SignInChallenge> ChallengeAsync(string operatorId, PrivateKey wallet) =>
        _server.CallAsync<GetSignInChallengeRequest, SignInChallenge>("AuthService", "GetSignInChallenge",
            new GetSignInChallengeRequest { Address = wallet.Address.ToString(), ChainId = 1 }, new Metadata().Add("x-operator-id", operatorId));

    private Task<SignInReply> SignInAsync(string operatorId, string message, string signature) =>
        _server.CallAsync<SignInRequest, SignInReply>("AuthService", "SignIn", new SignInRequest { Message = message, Signature = signature }, new Metadata().Add("x-operator-id", operatorId));
}
