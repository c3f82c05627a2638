namespace Arbor.Distribution.Terms;

/// <summary>The tag bytes of Erlang's external term format (OTP's <c>erl_ext_dist</c>).</summary>
public enum TermTag : byte
{
    /// <summary>The version byte that starts an encoded term (131).</summary>
    Version = 131,

    /// <summary>A zlib-compressed term (not accepted by <see cref="TermReader"/>).</summary>
    Compressed = 80,

    /// <summary>IEEE 754 double, 8 bytes big-endian.</summary>
    NewFloat = 70,

    /// <summary>A bitstring whose length is not a whole number of bytes.</summary>
    BitBinary = 77,

    /// <summary>A reference into the distribution header's atom cache (only valid inside a distribution header).</summary>
    AtomCacheRef = 82,

    /// <summary>A pid with a 32-bit creation.</summary>
    NewPid = 88,

    /// <summary>A port with a 32-bit id and 32-bit creation.</summary>
    NewPort = 89,

    /// <summary>A reference with a 32-bit creation.</summary>
    NewerReference = 90,

    /// <summary>An unsigned 8-bit integer.</summary>
    SmallInteger = 97,

    /// <summary>A signed 32-bit integer, big-endian.</summary>
    Integer = 98,

    /// <summary>A float as 31 bytes of text (obsolete; decoded, never written).</summary>
    Float = 99,

    /// <summary>A Latin-1 atom with a 2-byte length (decoded, never written).</summary>
    Atom = 100,

    /// <summary>A reference with one id word and an 8-bit creation (obsolete; decoded, never written).</summary>
    Reference = 101,

    /// <summary>A port with an 8-bit creation (decoded, never written).</summary>
    Port = 102,

    /// <summary>A pid with an 8-bit creation (decoded, never written).</summary>
    Pid = 103,

    /// <summary>A tuple of at most 255 elements.</summary>
    SmallTuple = 104,

    /// <summary>A tuple with a 4-byte arity.</summary>
    LargeTuple = 105,

    /// <summary>The empty list <c>[]</c>.</summary>
    Nil = 106,

    /// <summary>A list of bytes (0..255) with a 2-byte length.</summary>
    String = 107,

    /// <summary>A list: 4-byte length, elements, tail.</summary>
    List = 108,

    /// <summary>A binary: 4-byte length, bytes.</summary>
    Binary = 109,

    /// <summary>An integer of at most 255 bytes of magnitude.</summary>
    SmallBig = 110,

    /// <summary>An integer with a 4-byte magnitude length.</summary>
    LargeBig = 111,

    /// <summary>A fun (closure).</summary>
    NewFun = 112,

    /// <summary>An external fun <c>fun M:F/A</c>.</summary>
    Export = 113,

    /// <summary>A reference with an 8-bit creation.</summary>
    NewReference = 114,

    /// <summary>A Latin-1 atom with a 1-byte length (decoded, never written).</summary>
    SmallAtom = 115,

    /// <summary>A map: 4-byte arity, key/value pairs.</summary>
    Map = 116,

    /// <summary>The pre-R8 fun encoding (removed from OTP; rejected).</summary>
    Fun = 117,

    /// <summary>A UTF-8 atom with a 2-byte length.</summary>
    AtomUtf8 = 118,

    /// <summary>A UTF-8 atom with a 1-byte length.</summary>
    SmallAtomUtf8 = 119,

    /// <summary>A port with a 64-bit id.</summary>
    V4Port = 120,

    /// <summary>A node-local encoding only its producer can decode (rejected).</summary>
    Local = 121,
}
