using Microsoft.Extensions.Options;
using PerpStudio.Api.Errors;
using PerpStudio.Api.Identity;
using PerpStudio.Api.Operators;
using PerpStudio.Api.Tenancy;
using PerpStudio.Ethereum;
using PerpStudio.Ethereum.Siwe;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Api.Application;

/// <summary>Where a sign-in is for: the request's host (web) or an explicit operator id (<c>x-operator-id</c>, API clients).</summary>
/// <param name="Host">The request's host (with port), or null.</param>
/// <param name="OperatorId">The operator named by the client, or null.</param>
public sealed record SignInTarget(string? Host, string? OperatorId)
{
    /// <summary>The region the trusted edge reported (ISO 3166-1 alpha-2), or null when it sent none.</summary>
    public string? Region { get; init; }
}

/// <summary>A sign-in challenge: the exact EIP-4361 text to sign.</summary>
/// <param name="Message">The message text.</param>
/// <param name="Nonce">Its nonce.</param>
/// <param name="ExpiresAt">When the challenge expires.</param>
public sealed record SignInChallengeResult(string Message, string Nonce, DateTimeOffset ExpiresAt);

/// <summary>A session: the token (shown once) and who it is for.</summary>
/// <param name="SessionToken">The bearer token.</param>
/// <param name="OperatorId">The operator.</param>
/// <param name="Trader">The trader.</param>
/// <param name="ExpiresAt">When it expires.</param>
public sealed record SignInResult(string SessionToken, string OperatorId, EthereumAddress Trader, DateTimeOffset ExpiresAt);

/// <summary>
/// Sign-In with Ethereum. A challenge's nonce is stored per operator, expires, and is consumed exactly once; the
/// session token is 32 random bytes (base64url) stored only as its SHA-256, with an expiry.
/// </summary>
public sealed class AuthService(
    IGrainFactory grains,
    OperatorDirectory directory,
    TimeProvider time,
    IOptions<PerpStudioApiOptions> options)
{
    private PerpStudioApiOptions Options => options.Value;

    /// <summary>Issues a nonce and the message the wallet at <paramref name="address"/> must sign.</summary>
    public async Task<SignInChallengeResult> GetSignInChallengeAsync(SignInTarget target, string address, long chainId)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (string.IsNullOrWhiteSpace(address))
        {
            throw new ApiException(ApiError.Required("address"));
        }

        if (!EthereumAddress.TryParse(address.Trim(), out var trader))
        {
            throw new ApiException(ApiError.Invalid("address", "address_invalid", $"'{Clip(address)}' is not a 0x-prefixed 20-byte address (a mixed-case address must carry a valid EIP-55 checksum)"));
        }

        if (chainId <= 0)
        {
            throw new ApiException(ApiError.Invalid("chain_id", "chain_id_invalid", "chain_id must be a positive EIP-155 chain id"));
        }

        var (operatorId, domain) = await ResolveAsync(target);
        RegionGate.Check(await ProfileAsync(operatorId), target.Region);
        var now = time.GetUtcNow();
        var nonce = CredentialSecrets.NewNonce();
        var expires = now + Options.ChallengeLifetime;
        var message = new SiweMessage
        {
            Scheme = Options.SignInScheme,
            Domain = domain,
            Address = trader,
            Statement = Options.SignInStatement,
            Uri = $"{Options.SignInScheme}://{domain}",
            ChainId = chainId,
            Nonce = nonce,
            IssuedAt = now,
            ExpirationTime = expires,
        };
        var text = message.ToMessageText();
        var record = new SignInChallengeRecord(operatorId, nonce, trader.ToLowerHex(), domain, chainId, now, expires);
        if (!await grains.GetGrain<ISignInChallengeGrain>(ChallengeKey(operatorId, nonce)).IssueAsync(record))
        {
            throw new InvalidOperationException("a fresh random nonce collided with an issued one");
        }

        return new SignInChallengeResult(text, nonce, expires);
    }

    /// <summary>
    /// Verifies the signed challenge and opens a session. A region the operator blocks is refused (PERMISSION_DENIED
    /// <c>region_blocked</c>); a referral code, when given, sets the trader's referrer (checked before anything changes).
    /// </summary>
    public async Task<SignInResult> SignInAsync(SignInTarget target, string message, string signature, string? referralCode = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (string.IsNullOrEmpty(message))
        {
            throw new ApiException(ApiError.Required("message"));
        }

        if (string.IsNullOrEmpty(signature))
        {
            throw new ApiException(ApiError.Required("signature"));
        }

        if (!SiweMessage.TryParse(message, out var parsed, out var parseError) || parsed is null)
        {
            throw new ApiException(ApiError.Invalid("message", "message_malformed", $"not an EIP-4361 message: {parseError}"));
        }

        var (operatorId, _) = await ResolveAsync(target);
        var profile = await ProfileAsync(operatorId);
        RegionGate.Check(profile, target.Region);
        var challenge = grains.GetGrain<ISignInChallengeGrain>(ChallengeKey(operatorId, parsed.Nonce));
        var record = await challenge.GetAsync();
        var now = time.GetUtcNow();
        if (record is null || record.Consumed)
        {
            throw new ApiException(ApiError.Unauthenticated("nonce_unknown", "the nonce was not issued by this operator or was already used"));
        }

        if (now >= record.ExpiresAt)
        {
            throw new ApiException(ApiError.Unauthenticated("challenge_expired", $"the challenge expired at {record.ExpiresAt:O}; request a new one"));
        }

        var verification = SiweVerifier.Verify(message, signature, now, record.Domain, record.Nonce);
        if (!verification.IsValid)
        {
            throw new ApiException(verification.Failure switch
            {
                SiweFailure.MalformedSignature => ApiError.Invalid("signature", "signature_malformed", verification.Error ?? "malformed signature"),
                SiweFailure.MalformedMessage => ApiError.Invalid("message", "message_malformed", verification.Error ?? "malformed message"),
                SiweFailure.SignerMismatch => ApiError.Unauthenticated("signer_mismatch", verification.Error ?? "the signature is not the address's"),
                SiweFailure.DomainMismatch => ApiError.Unauthenticated("domain_mismatch", verification.Error ?? "wrong domain"),
                SiweFailure.NonceMismatch => ApiError.Unauthenticated("nonce_mismatch", verification.Error ?? "wrong nonce"),
                SiweFailure.Expired => ApiError.Unauthenticated("challenge_expired", verification.Error ?? "expired"),
                _ => ApiError.Unauthenticated("signature_rejected", verification.Error ?? "rejected"),
            });
        }

        var signed = verification.Message!;
        if (signed.Address.ToLowerHex() != record.Trader || signed.ChainId != record.ChainId)
        {
            throw new ApiException(ApiError.Unauthenticated("challenge_mismatch", "the message's address or chain id differs from the challenge issued"));
        }

        var referrer = string.IsNullOrWhiteSpace(referralCode) ? null : await ReferrerForAsync(operatorId, profile, record.Trader, referralCode, now);
        if (await challenge.ConsumeAsync() is null)
        {
            throw new ApiException(ApiError.Unauthenticated("nonce_unknown", "the nonce was already used"));
        }

        if (referrer is not null)
        {
            await SetReferrerAsync(GrainKeys.Account(operatorId, record.Trader), referrer);
        }

        var token = CredentialSecrets.NewToken();
        var digest = CredentialSecrets.Digest(token);
        var expires = now + Options.SessionLifetime;
        var session = new SessionRecord(CredentialSecrets.NewId(), operatorId, record.Trader, digest, now, expires);
        if (!await grains.GetGrain<ISessionGrain>(digest).CreateAsync(session))
        {
            throw new InvalidOperationException("a fresh random session token collided with a stored one");
        }

        await grains.GetGrain<IOperatorUsersGrain>(operatorId).TouchAsync(record.Trader, now);
        return new SignInResult(token, operatorId, signed.Address, expires);
    }

    /// <summary>Ends the session of <paramref name="sessionToken"/> (the web frontend's sign-out).</summary>
    public Task SignOutAsync(string sessionToken)
    {
        ArgumentNullException.ThrowIfNull(sessionToken);
        return grains.GetGrain<ISessionGrain>(CredentialSecrets.Digest(sessionToken)).RevokeAsync();
    }

    /// <summary>Sets the signed-in trader's referrer from one of the operator's referral codes; a referrer is set once.</summary>
    public async Task<ReferrerInfo> SetReferrerAsync(CallerContext caller, string referralCode)
    {
        var accountKey = Access.RequireTrader(caller, ApiScopes.Trade);
        if (string.IsNullOrWhiteSpace(referralCode))
        {
            throw new ApiException(ApiError.Required("referral_code"));
        }

        var operatorId = caller.OperatorId!;
        var referrer = await ReferrerForAsync(operatorId, await ProfileAsync(operatorId), caller.TraderId!, referralCode, time.GetUtcNow());
        return await SetReferrerAsync(accountKey, referrer);
    }

    private async Task<ReferrerInfo> SetReferrerAsync(string accountKey, ReferrerInfo referrer)
    {
        var result = await grains.GetGrain<IReferralAccountGrain>(accountKey).SetReferrerAsync(referrer);
        return result.IsSuccess ? result.Value : throw new ApiException(ApiError.From(result.Error));
    }

    /// <summary>The referrer a code names for this trader; refuses what the account grain would (so nothing changes first).</summary>
    private async Task<ReferrerInfo> ReferrerForAsync(string operatorId, OperatorProfile profile, string trader, string code, DateTimeOffset now)
    {
        var trimmed = code.Trim();
        if (!ReferralCodes.IsWellFormed(trimmed))
        {
            throw new ApiException(ApiError.Invalid("referral_code", "referral_code_invalid", "a referral code is 3..32 letters, digits, '-' or '_'"));
        }

        var entry = ReferralCodes.Find(profile, trimmed)
            ?? throw new ApiException(ApiError.Invalid("referral_code", "referral_code_unknown", $"'{trimmed}' is not a referral code of this exchange"));
        if (entry.Referrer == trader)
        {
            throw new ApiException(ApiError.Invalid("referral_code", "self_referral", "a trader cannot use their own referral code"));
        }

        if (ReferralCodes.IsReferrer(profile, trader))
        {
            throw new ApiException(ApiError.Precondition("referral_code", "referrer_cannot_be_referred", "a trader who holds a referral code cannot be referred"));
        }

        var referrerKey = GrainKeys.Account(operatorId, entry.Referrer);
        var current = await grains.GetGrain<IReferralAccountGrain>(GrainKeys.Account(operatorId, trader)).GetReferrerAsync();
        if (current is not null && current.ReferrerAccountKey != referrerKey)
        {
            throw new ApiException(ApiError.Precondition("referral_code", "referrer_already_set", $"this trader was referred with code '{current.Code}' and a referrer is set once"));
        }

        return current ?? new ReferrerInfo(referrerKey, entry.Code, now);
    }

    private async Task<OperatorProfile> ProfileAsync(string operatorId) =>
        await grains.GetGrain<IOperatorProfileGrain>(operatorId).GetAsync()
        ?? throw new ApiException(ApiError.NotFound("x-operator-id", "operator_not_found", $"no operator '{Clip(operatorId)}'"));

    private async Task<(string OperatorId, string Domain)> ResolveAsync(SignInTarget target)
    {
        if (!string.IsNullOrWhiteSpace(target.OperatorId))
        {
            var id = target.OperatorId.Trim();
            if (!await directory.ExistsAsync(id))
            {
                throw new ApiException(ApiError.NotFound("x-operator-id", "operator_not_found", $"no operator '{Clip(id)}'"));
            }

            var profile = await grains.GetGrain<IOperatorProfileGrain>(id).GetAsync();
            return (id, directory.SubdomainHost(profile!.Subdomain.Length > 0 ? profile.Subdomain : id));
        }

        var host = OperatorDirectory.NormalizeHost(target.Host);
        var operatorId = host is null ? null : await directory.ResolveByHostAsync(host);
        if (operatorId is null)
        {
            throw new ApiException(ApiError.NotFound("x-operator-id", "operator_not_found", "no operator serves this host; send x-operator-id"));
        }

        // the domain the wallet sees is the host as the browser named it, port included
        return (operatorId, target.Host!.Trim().ToLowerInvariant());
    }

    private static string ChallengeKey(string operatorId, string nonce) => $"{operatorId}/{nonce}";

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
