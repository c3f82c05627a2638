using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Arbor.Distribution.Handshake;

/// <summary>The handshake's proof of the shared cookie: MD5 of the cookie followed by the challenge in decimal.</summary>
internal static class CookieDigest
{
    public const int Size = 16;

    public static byte[] Compute(string cookie, uint challenge)
    {
        var text = cookie + challenge.ToString(CultureInfo.InvariantCulture);
#pragma warning disable CA5351 // MD5 is what the Erlang distribution protocol specifies; it is not our choice.
        return MD5.HashData(Encoding.Latin1.GetBytes(text));
#pragma warning restore CA5351
    }

    /// <summary>Constant-time comparison, so the time to refuse says nothing about how much of a digest was right.</summary>
    public static bool Matches(string cookie, uint challenge, ReadOnlySpan<byte> digest) =>
        digest.Length == Size && CryptographicOperations.FixedTimeEquals(Compute(cookie, challenge), digest);

    public static uint NewChallenge() => BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
}
