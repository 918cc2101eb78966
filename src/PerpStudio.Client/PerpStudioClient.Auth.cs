using PerpStudio.Contracts.V1;

namespace PerpStudio.Client;

/// <summary>The methods of <c>perpstudio.v1.AuthService</c>.</summary>
public sealed partial class PerpStudioClient
{
    private const string AuthService = "/perpstudio.v1.AuthService/";

    /// <summary>A fresh nonce and the exact message the wallet must sign.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<SignInChallenge> GetSignInChallengeAsync(GetSignInChallengeRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<GetSignInChallengeRequest, SignInChallenge>(AuthService + "GetSignInChallenge", request, deadline, cancellationToken);

    /// <summary>Verifies the signed message and returns a session token.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<SignInReply> SignInAsync(SignInRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<SignInRequest, SignInReply>(AuthService + "SignIn", request, deadline, cancellationToken);

    /// <summary>Sets the signed-in trader's referrer from a referral code (a referrer is set once).</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<SetReferrerReply> SetReferrerAsync(SetReferrerRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<SetReferrerRequest, SetReferrerReply>(AuthService + "SetReferrer", request, deadline, cancellationToken);
}
