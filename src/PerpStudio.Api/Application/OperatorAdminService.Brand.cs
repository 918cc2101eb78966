using PerpStudio.Api.Operators;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Api.Application;

/// <summary>Brand images: uploaded bytes are sniffed, stored durably, and the branding points at their versioned URL.</summary>
public sealed partial class OperatorAdminService
{
    /// <summary>
    /// Stores a logo or favicon (INVALID_ARGUMENT on <c>content</c> when it is not an acceptable image) and sets the
    /// branding's URL to it; the change is audited.
    /// </summary>
    public async Task<OperatorView> UploadBrandAssetAsync(CallerContext caller, BrandAssetKind kind, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var operatorId = Access.RequireAdmin(caller);
        await ProfileAsync(operatorId);
        var asset = BrandAssetRules.Accept(kind, content, time.GetUtcNow());
        await grains.GetGrain<IBrandAssetGrain>(BrandAssetGrain.KeyOf(operatorId, kind)).SetAsync(asset);
        await UpdateProfileAsync(caller, operatorId, "UploadBrandAsset", $"{kind.ToString().ToLowerInvariant()} {asset.ContentType}, {content.Length} bytes, version {asset.Version}",
            p => p with { Branding = kind == BrandAssetKind.Logo ? p.Branding with { LogoUrl = asset.Url } : p.Branding with { FaviconUrl = asset.Url } });
        var branding = (await ProfileAsync(operatorId)).Branding;
        await grains.GetGrain<IOperatorGrain>(operatorId).SetBrandingAsync(new OperatorBranding(branding.DisplayName, branding.PrimaryColor, branding.LogoUrl));
        return await ViewAsync(operatorId);
    }

    /// <summary>An operator's stored image for the web to serve (public: it is on every page of the exchange), or null.</summary>
    public Task<BrandAsset?> GetBrandAssetAsync(string operatorId, BrandAssetKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(operatorId);
        return grains.GetGrain<IBrandAssetGrain>(BrandAssetGrain.KeyOf(operatorId, kind)).GetAsync();
    }
}
