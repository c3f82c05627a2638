namespace Arbor.Distribution.Terms.Mapping;

/// <summary>Decodes a dynamic term into a <typeparamref name="T"/>; false when the term has another shape.</summary>
/// <typeparam name="T">The C# type.</typeparam>
public delegate bool TermDecoder<T>(object term, out T value);
