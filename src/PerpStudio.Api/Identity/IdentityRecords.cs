using PerpStudio.Api.Application;

namespace PerpStudio.Api.Identity;

/// <summary>A session issued at sign-in, stored under the SHA-256 of its token.</summary>
/// <param name="SessionId">A public id of the session.</param>
/// <param name="OperatorId">The operator the trader signed in to.</param>
/// <param name="Trader">The trader's lower-case 0x address.</param>
/// <param name="TokenDigest">The SHA-256 of the token (compared in constant time on use).</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
/// <param name="Revoked">True once revoked.</param>
public sealed record SessionRecord(string SessionId, string OperatorId, string Trader, string TokenDigest, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, bool Revoked = false);

/// <summary>An API key, stored under the SHA-256 of the key.</summary>
/// <param name="KeyId">The key's public id.</param>
/// <param name="OperatorId">The operator that issued it.</param>
/// <param name="Label">The operator's label.</param>
/// <param name="Scopes">What it allows.</param>
/// <param name="Trader">The trader a read/trade key acts for (lower-case 0x address); null for admin keys.</param>
/// <param name="KeyDigest">The SHA-256 of the key.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Revoked">True once revoked.</param>
public sealed record ApiKeyRecord(string KeyId, string OperatorId, string Label, ApiScopes Scopes, string? Trader, string KeyDigest, DateTimeOffset CreatedAt, bool Revoked = false);

/// <summary>A sign-in challenge: the nonce, who it was issued to and the exact message text.</summary>
/// <param name="OperatorId">The operator.</param>
/// <param name="Nonce">The nonce.</param>
/// <param name="Trader">The address it was issued for (lower-case 0x).</param>
/// <param name="Domain">The domain the message names.</param>
/// <param name="ChainId">The chain id.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="ExpiresAt">When it expires.</param>
/// <param name="Consumed">True once a sign-in used it.</param>
public sealed record SignInChallengeRecord(string OperatorId, string Nonce, string Trader, string Domain, long ChainId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, bool Consumed = false);
