using System.Globalization;

namespace Arbor.Distribution.Tests.Terms;

/// <summary>
/// Seeded, reproducible fuzzing of the codec: random terms round-trip exactly; random and mutated encodings either decode
/// or fail with a <see cref="TermFormatException"/> — never another exception, never an allocation the input cannot
/// justify. Set ARBOR_FUZZ_SEED to replay one seed; every failure names its seed and case.
/// </summary>
public sealed class TermFuzzTests
{
    private static readonly int[] Seeds = ReadSeeds();

    [Fact]
    public void Random_terms_round_trip_exactly()
    {
        foreach (var seed in Seeds)
        {
            var terms = new RandomTerms(seed);
            for (var i = 0; i < 2_000; i++)
            {
                var term = terms.Next();
                var bytes = Codec.Encode(term);
                object decoded;
                try
                {
                    decoded = Codec.Decode(bytes);
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"seed {seed}, case {i}: decoding {term} failed: {e}");
                }

                Assert.True(TermEqualityComparer.Default.Equals(term, decoded), $"seed {seed}, case {i}: {term} came back as {decoded}");
                Assert.True(bytes.AsSpan().SequenceEqual(Codec.Encode(decoded)), $"seed {seed}, case {i}: re-encoding {decoded} changed the bytes");
            }
        }
    }

    [Fact]
    public void Mutated_valid_encodings_decode_or_fail_with_a_term_format_exception()
    {
        var cases = 0;
        foreach (var seed in Seeds)
        {
            var terms = new RandomTerms(seed);
            var random = terms.Random;
            for (var i = 0; i < 6_000; i++)
            {
                var valid = Codec.Encode(terms.Next());
                var mutated = Mutate(valid, random);
                DecodeSafely(mutated, seed, i);
                cases++;
            }
        }

        Assert.True(cases >= 12_000, $"only {cases} cases ran");
    }

    [Fact]
    public void Random_bytes_decode_or_fail_with_a_term_format_exception()
    {
        foreach (var seed in Seeds)
        {
            var random = new Random(seed);
            for (var i = 0; i < 5_000; i++)
            {
                var bytes = new byte[random.Next(1, 64)];
                random.NextBytes(bytes);

                // Bias towards real tags so the noise reaches past the first byte.
                bytes[0] = (byte)random.Next(68, 122);
                DecodeSafely([131, .. bytes], seed, i);
            }
        }
    }

    [Fact]
    public void Every_truncation_of_a_valid_encoding_fails_with_a_term_format_exception()
    {
        var terms = new RandomTerms(Seeds[0]);
        for (var i = 0; i < 300; i++)
        {
            var valid = Codec.Encode(terms.Next());
            for (var length = 1; length < valid.Length; length++)
            {
                var table = new AtomTable(10_000);
                try
                {
                    var reader = new TermReader(valid.AsSpan(0, length), table);
                    reader.TryReadVersion();
                    reader.ReadTerm();
                    Assert.Fail($"seed {Seeds[0]}, case {i}: a truncation to {length} of {valid.Length} bytes decoded");
                }
                catch (TermFormatException)
                {
                }
            }
        }
    }

    private static void DecodeSafely(byte[] input, int seed, int index)
    {
        var table = new AtomTable(10_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            var reader = new TermReader(input, table);
            reader.TryReadVersion();
            reader.ReadTerm();
        }
        catch (TermFormatException)
        {
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"seed {seed}, case {index}: {e.GetType().Name} instead of TermFormatException for [{string.Join(",", input)}]: {e}");
        }

        // Decoded objects cost at most a few dozen bytes per input byte; a length field the input cannot back would cost more.
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= (256L * input.Length) + (64 * 1024), $"seed {seed}, case {index}: decoding {input.Length} bytes allocated {allocated} bytes");
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = (byte[])valid.Clone();
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && bytes.Length > 1; m++)
        {
            var at = random.Next(1, bytes.Length);
            switch (random.Next(6))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 2: bytes = bytes[..at]; break;
                case 3: bytes = [.. bytes[..at], (byte)random.Next(256), .. bytes[at..]]; break;
                case 4:
                    // A length field blown up: four 0xFF or 0x7F bytes.
                    for (var k = at; k < Math.Min(bytes.Length, at + 4); k++)
                    {
                        bytes[k] = random.Next(2) == 0 ? (byte)0xFF : (byte)0x7F;
                    }

                    break;
                default: bytes = [.. bytes[..at], .. bytes[(at + random.Next(0, bytes.Length - at))..]]; break;
            }
        }

        return bytes;
    }

    private static int[] ReadSeeds()
    {
        var configured = Environment.GetEnvironmentVariable("ARBOR_FUZZ_SEED");
        return int.TryParse(configured, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? [seed] : [20261203, 7, 1_000_003];
    }
}
