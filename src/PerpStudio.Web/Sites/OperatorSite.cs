using PerpStudio.Api.Operators;

namespace PerpStudio.Web.Sites;

/// <summary>The operator a request's host name belongs to, as its pages show it.</summary>
/// <param name="OperatorId">The operator.</param>
/// <param name="Branding">Name, logo, favicon, colours, font and tagline.</param>
/// <param name="Features">The frontend features switched on.</param>
/// <param name="Version">The profile's version: changes with every accepted change of the operator.</param>
public sealed record OperatorSite(string OperatorId, BrandingProfile Branding, FeatureFlags Features, long Version);
