using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Satchel.Runtime.Hashing;

/// <summary>
/// SHA-256 (FIPS 180-4) in plain managed code, fed incrementally: what <see cref="Sha256Hash"/>
/// uses where libcrypto cannot be loaded (a Linux without OpenSSL). About a
/// seventh of OpenSSL's speed with the CPU's SHA instructions (docs/launcher.md), so it is the
/// fallback, not the default. Checked against the BCL's SHA-256 by property tests.
/// </summary>
public sealed class ManagedSha256 : ISha256Engine
{
    public const int HashSize = 32;
    private const int BlockSize = 64;

    private static ReadOnlySpan<uint> RoundConstants =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private readonly uint[] _state = new uint[8];
    private readonly byte[] _pending = new byte[BlockSize];
    private int _pendingLength;
    private ulong _totalLength;

    public ManagedSha256() => Reset();

    /// <summary>The SHA-256 of <paramref name="data"/>.</summary>
    public static byte[] HashData(ReadOnlySpan<byte> data)
    {
        var sha = new ManagedSha256();
        sha.AppendData(data);
        return sha.GetHashAndReset();
    }

    public void AppendData(ReadOnlySpan<byte> data)
    {
        _totalLength += (ulong)data.Length;
        if (_pendingLength > 0)
        {
            var take = Math.Min(BlockSize - _pendingLength, data.Length);
            data[..take].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += take;
            data = data[take..];
            if (_pendingLength < BlockSize)
            {
                return;
            }

            Compress(_state, _pending);
            _pendingLength = 0;
        }

        var whole = data.Length - (data.Length % BlockSize);
        if (whole > 0)
        {
            Compress(_state, data[..whole]);
            data = data[whole..];
        }

        data.CopyTo(_pending);
        _pendingLength = data.Length;
    }

    /// <summary>Finishes the hash of everything appended since the last reset, and starts over.</summary>
    public byte[] GetHashAndReset()
    {
        var hash = new byte[HashSize];
        GetHashAndReset(hash);
        return hash;
    }

    /// <summary>Writes the hash into <paramref name="destination"/> (32 bytes) and starts over.</summary>
    public void GetHashAndReset(Span<byte> destination)
    {
        var bitLength = _totalLength * 8;
        Span<byte> tail = stackalloc byte[BlockSize * 2];
        _pending.AsSpan(0, _pendingLength).CopyTo(tail);
        tail[_pendingLength] = 0x80;
        // The length goes in the last 8 bytes of the block that has room for it after the 0x80.
        var tailLength = _pendingLength + 1 + 8 <= BlockSize ? BlockSize : BlockSize * 2;
        tail[(_pendingLength + 1)..(tailLength - 8)].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(tail[(tailLength - 8)..], bitLength);
        Compress(_state, tail[..tailLength]);
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(i * 4)..], _state[i]);
        }

        Reset();
    }

    /// <summary>Nothing to release: the state is managed memory.</summary>
    public void Dispose()
    {
    }

    private void Reset()
    {
        _state[0] = 0x6a09e667;
        _state[1] = 0xbb67ae85;
        _state[2] = 0x3c6ef372;
        _state[3] = 0xa54ff53a;
        _state[4] = 0x510e527f;
        _state[5] = 0x9b05688c;
        _state[6] = 0x1f83d9ab;
        _state[7] = 0x5be0cd19;
        _pendingLength = 0;
        _totalLength = 0;
    }

    /// <summary>Runs the compression function over whole 64-byte blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Compress(uint[] state, ReadOnlySpan<byte> blocks)
    {
        Span<uint> w = stackalloc uint[64];
        var k = RoundConstants;
        uint a0 = state[0], b0 = state[1], c0 = state[2], d0 = state[3], e0 = state[4], f0 = state[5], g0 = state[6], h0 = state[7];
        for (var offset = 0; offset < blocks.Length; offset += BlockSize)
        {
            var block = blocks.Slice(offset, BlockSize);
            for (var i = 0; i < 16; i++)
            {
                w[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(i * 4)..]);
            }

            for (var i = 16; i < 64; i++)
            {
                var x = w[i - 15];
                var y = w[i - 2];
                var s0 = uint.RotateRight(x, 7) ^ uint.RotateRight(x, 18) ^ (x >> 3);
                var s1 = uint.RotateRight(y, 17) ^ uint.RotateRight(y, 19) ^ (y >> 10);
                w[i] = w[i - 16] + s0 + w[i - 7] + s1;
            }

            uint a = a0, b = b0, c = c0, d = d0, e = e0, f = f0, g = g0, h = h0;
            for (var i = 0; i < 64; i++)
            {
                var s1 = uint.RotateRight(e, 6) ^ uint.RotateRight(e, 11) ^ uint.RotateRight(e, 25);
                var choice = (e & f) ^ (~e & g);
                var t1 = h + s1 + choice + k[i] + w[i];
                var s0 = uint.RotateRight(a, 2) ^ uint.RotateRight(a, 13) ^ uint.RotateRight(a, 22);
                var majority = (a & b) ^ (a & c) ^ (b & c);
                var t2 = s0 + majority;
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }

            a0 += a;
            b0 += b;
            c0 += c;
            d0 += d;
            e0 += e;
            f0 += f;
            g0 += g;
            h0 += h;
        }

        state[0] = a0;
        state[1] = b0;
        state[2] = c0;
        state[3] = d0;
        state[4] = e0;
        state[5] = f0;
        state[6] = g0;
        state[7] = h0;
    }
}
