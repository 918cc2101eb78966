namespace PerpStudio.Runtime;

/// <summary>Creates references to grains (Orleans: <c>IGrainFactory</c>).</summary>
public interface IGrainFactory
{
    /// <summary>
    /// A reference to the grain with the given key. Creating a reference is cheap and activates nothing;
    /// the grain is activated by the first call made through it.
    /// </summary>
    /// <typeparam name="TGrainInterface">A registered grain interface.</typeparam>
    /// <param name="primaryKey">The grain's key.</param>
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey;
}
