using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Api.Operators;

/// <summary>An operator's brand image (key: "{operatorId}/logo" or "{operatorId}/favicon"), kept apart from the profile so the bytes are read only when served.</summary>
public interface IBrandAssetGrain : IGrainWithStringKey
{
    /// <summary>The stored image, or null.</summary>
    Task<BrandAsset?> GetAsync();

    /// <summary>Replaces the stored image.</summary>
    Task SetAsync(BrandAsset asset);
}

/// <summary>The stored image.</summary>
public sealed class BrandAssetState
{
    /// <summary>The image, or null before the first upload.</summary>
    public BrandAsset? Asset { get; set; }
}

/// <summary>Keeps one brand image durably.</summary>
public sealed class BrandAssetGrain(
    [PersistentState("brand-asset", GrainKeys.Storage)] IPersistentState<BrandAssetState> state) : Grain, IBrandAssetGrain
{
    /// <summary>The grain key of an operator's asset.</summary>
    public static string KeyOf(string operatorId, BrandAssetKind kind) => $"{operatorId}/{(kind == BrandAssetKind.Logo ? "logo" : "favicon")}";

    /// <inheritdoc />
    public Task<BrandAsset?> GetAsync() => Task.FromResult(state.State.Asset);

    /// <inheritdoc />
    public async Task SetAsync(BrandAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        state.State.Asset = asset;
        await state.WriteStateAsync();
    }
}
