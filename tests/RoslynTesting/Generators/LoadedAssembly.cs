using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace Arbor.RoslynTesting.Generators;

/// <summary>
/// Emits a compilation (with generated code) to memory and loads it into a collectible <see cref="AssemblyLoadContext"/>,
/// so end-to-end tests run generated GenServers on the real runtime. Arbor.dll is not loaded again: the context falls
/// back to the test's own copy, so runtime types are shared with the test.
/// </summary>
public sealed class LoadedAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private LoadedAssembly(AssemblyLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    /// <summary>The loaded assembly.</summary>
    public Assembly Assembly { get; }

    /// <summary>Emits and loads <paramref name="compilation"/>; throws with the compiler's errors if it does not compile.</summary>
    public static LoadedAssembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            var errors = string.Join(Environment.NewLine, emitted.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
            throw new InvalidOperationException("The test compilation did not compile:" + Environment.NewLine + errors);
        }

        image.Position = 0;
        var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
        return new LoadedAssembly(context, context.LoadFromStream(image));
    }

    /// <summary>The static method <paramref name="type"/>.<paramref name="method"/> as a delegate.</summary>
    public TDelegate GetStatic<TDelegate>(string type, string method)
        where TDelegate : Delegate
    {
        var found = Assembly.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(type, method);
        return found.CreateDelegate<TDelegate>();
    }

    /// <inheritdoc/>
    public void Dispose() => _context.Unload();
}
