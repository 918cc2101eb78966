using Microsoft.Extensions.Options;
using PerpStudio.Api.Application;
using PerpStudio.Contracts.V1;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Api.Grpc;

/// <summary>perpstudio.v1.AuthService over <see cref="Application.AuthService"/>.</summary>
public sealed class AuthGrpcService(Application.AuthService auth, IOptions<PerpStudioApiOptions> options)
{
    /// <summary>The metadata key naming the operator when the host does not (API clients).</summary>
    public const string OperatorHeader = "x-operator-id";

    /// <summary>Every method bound.</summary>
    public ServiceDefinition Bind() =>
        ServiceBinder.For(AuthReflection.Descriptor.Services[0])
            .Unary<GetSignInChallengeRequest, SignInChallenge>("GetSignInChallenge", ChallengeAsync)
            .Unary<SignInRequest, SignInReply>("SignIn", SignInAsync)
            .Unary<SetReferrerRequest, SetReferrerReply>("SetReferrer", SetReferrerAsync)
            .Build();

    private async Task<SignInChallenge> ChallengeAsync(GetSignInChallengeRequest request, ServerCallContext context)
    {
        var chainId = request.ChainId is > 0 and <= long.MaxValue ? (long)request.ChainId : 0;
        var challenge = await auth.GetSignInChallengeAsync(Target(context), request.Address, chainId);
        return new SignInChallenge { Message = challenge.Message, Nonce = challenge.Nonce, ExpiresAtUnixMs = challenge.ExpiresAt.ToUnixTimeMilliseconds() };
    }

    private async Task<SignInReply> SignInAsync(SignInRequest request, ServerCallContext context)
    {
        var session = await auth.SignInAsync(Target(context), request.Message, request.Signature, request.ReferralCode);
        return new SignInReply { SessionToken = session.SessionToken, TraderAddress = session.Trader.ToString(), ExpiresAtUnixMs = session.ExpiresAt.ToUnixTimeMilliseconds() };
    }

    private async Task<SetReferrerReply> SetReferrerAsync(SetReferrerRequest request, ServerCallContext context)
    {
        var referrer = await auth.SetReferrerAsync(context.Caller(), request.ReferralCode);
        var (_, address) = Grains.Abstractions.GrainKeys.ParseAccount(referrer.ReferrerAccountKey);
        return new SetReferrerReply { ReferrerAddress = Ethereum.EthereumAddress.Parse(address).ToString(), ReferralCode = referrer.Code };
    }

    private SignInTarget Target(ServerCallContext context) =>
        new(context.HttpContext.Request.Host.HasValue ? context.HttpContext.Request.Host.Value : null, context.RequestHeaders.GetValue(OperatorHeader))
        {
            Region = context.RequestHeaders.GetValue(options.Value.RegionHeader),
        };
}
