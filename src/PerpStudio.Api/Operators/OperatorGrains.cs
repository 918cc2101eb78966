using System.Collections.Immutable;
using PerpStudio.Runtime;

namespace PerpStudio.Api.Operators;

/// <summary>
/// The API's part of an operator (key: operatorId): existence, branding, domains, features, per-market margin modes,
/// referral codes, API keys and the audit log. Every change appends an audit record in the same write.
/// </summary>
public interface IOperatorProfileGrain : IGrainWithStringKey
{
    /// <summary>The profile, or null when the operator was never created.</summary>
    Task<OperatorProfile?> GetAsync();

    /// <summary>Creates the operator; false when it exists.</summary>
    Task<bool> CreateAsync(OperatorProfile profile, AuditEntryInput audit);

    /// <summary>Replaces the profile when its version is <paramref name="expectedVersion"/>; false when it moved on (reload and retry).</summary>
    Task<bool> UpdateAsync(long expectedVersion, OperatorProfile next, AuditEntryInput audit);

    /// <summary>Appends an audit record for a change made elsewhere (the trading configuration).</summary>
    Task RecordAsync(AuditEntryInput audit);
}

/// <summary>An audit record to append (the grain numbers it).</summary>
/// <param name="Time">When.</param>
/// <param name="Actor">Who.</param>
/// <param name="Action">What.</param>
/// <param name="Detail">The change.</param>
public sealed record AuditEntryInput(DateTimeOffset Time, string Actor, string Action, string Detail);

/// <summary>A host name (key: lower-case host) and the operator that serves it: one owner per host.</summary>
public interface IOperatorDomainGrain : IGrainWithStringKey
{
    /// <summary>Claims the host for the operator; false when another operator holds it.</summary>
    Task<bool> ClaimAsync(string operatorId);

    /// <summary>Releases the host if <paramref name="operatorId"/> holds it.</summary>
    Task ReleaseAsync(string operatorId);

    /// <summary>The operator holding the host, or null.</summary>
    Task<string?> GetOwnerAsync();
}

/// <summary>The traders who signed in to an operator (key: operatorId), in order of first sign-in.</summary>
public interface IOperatorUsersGrain : IGrainWithStringKey
{
    /// <summary>Records a sign-in; the first one adds the trader.</summary>
    Task TouchAsync(string trader, DateTimeOffset time);

    /// <summary>Traders from position <paramref name="offset"/>, at most <paramref name="limit"/>, and the total.</summary>
    Task<(ImmutableArray<OperatorUser> Users, int Total)> ListAsync(int offset, int limit);
}

/// <summary>A trader of an operator.</summary>
/// <param name="Trader">Lower-case 0x address.</param>
/// <param name="FirstSeen">First sign-in.</param>
public sealed record OperatorUser(string Trader, DateTimeOffset FirstSeen);
