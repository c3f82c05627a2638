using System;

namespace Arbor.Hosting;

/// <summary>
/// A root supervisor child registered in the service collection with
/// <see cref="ArborServiceCollectionExtensions.AddArborChild(Microsoft.Extensions.DependencyInjection.IServiceCollection, Func{IServiceProvider, ChildSpec})"/>;
/// registration order is start order.
/// </summary>
internal sealed class ArborRootChild(Func<IServiceProvider, ChildSpec> createSpec)
{
    public Func<IServiceProvider, ChildSpec> CreateSpec { get; } = createSpec;
}
