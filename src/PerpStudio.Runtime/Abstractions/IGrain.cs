namespace PerpStudio.Runtime;

/// <summary>Anything that has a grain identity: grain references and grain instances (Orleans: <c>IAddressable</c>).</summary>
#pragma warning disable CA1040 // marker interfaces mirror Orleans' shape so grain interfaces port mechanically
public interface IAddressable;

/// <summary>Marker for grain interfaces (Orleans: <c>IGrain</c>).</summary>
public interface IGrain : IAddressable;

/// <summary>
/// A grain interface whose grains are identified by a string key. Every method must return
/// <see cref="Task"/>, <see cref="Task{TResult}"/>, <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>;
/// arguments and results are passed by reference in process (no copy), so they must be immutable (records).
/// </summary>
public interface IGrainWithStringKey : IGrain;
#pragma warning restore CA1040
