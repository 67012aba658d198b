package dev.onair.encoder.output;

/**
 * Reads just enough MPEG-TS to let a late reader start cleanly: the latest PAT and PMT packets, the
 * video PID, where a keyframe (random access point) begins, and which picture that keyframe is.
 */
final class TsPacketScanner {
  static final int PACKET = 188;

  /** MPEG-TS timestamps count a 90 kHz clock. */
  static final int TICKS_PER_SECOND = 90_000;

  private static final int STREAM_TYPE_H264 = 0x1B;
  private static final long PTS_MODULUS = 1L << 33;

  private int pmtPid = -1;
  private int videoPid = -1;
  private byte[] pat;
  private byte[] pmt;
  private long lastPts = -1;
  private long ticksSinceFirstPicture;
  private long keyframeTicks = -1;

  /**
   * Scans whole packets of {@code chunk} and returns the offset of the first packet that starts a
   * video keyframe, or -1; {@link #keyframeTicks()} then tells which picture it is.
   */
  int scan(byte[] chunk) {
    int keyframeOffset = -1;
    keyframeTicks = -1;
    for (int offset = 0; offset + PACKET <= chunk.length; offset += PACKET) {
      if (chunk[offset] != 0x47) {
        continue;
      }
      int pid = ((chunk[offset + 1] & 0x1F) << 8) | (chunk[offset + 2] & 0xFF);
      if (pid == 0) {
        pat = copy(chunk, offset);
        pmtPid = programMapPid(chunk, offset);
      } else if (pid == pmtPid) {
        pmt = copy(chunk, offset);
        videoPid = videoPid(chunk, offset);
      } else if (pid == videoPid) {
        boolean picturePts = trackPresentationTime(chunk, offset);
        if (keyframeOffset < 0 && isRandomAccess(chunk, offset)) {
          keyframeOffset = offset;
          keyframeTicks = picturePts ? ticksSinceFirstPicture : -1;
        }
      }
    }
    return keyframeOffset;
  }

  /**
   * The presentation time of the keyframe the last {@link #scan} found, in 90 kHz ticks since the
   * stream's first picture; -1 when there was none or it carried no timestamp.
   */
  long keyframeTicks() {
    return keyframeTicks;
  }

  /**
   * Follows the PTS of every video PES header, unwrapping the 33-bit clock (it wraps every 26.5
   * hours); returns true when this packet started a PES with a PTS.
   */
  private boolean trackPresentationTime(byte[] p, int o) {
    long pts = pesPts(p, o);
    if (pts < 0) {
      return false;
    }
    if (lastPts >= 0) {
      long delta = Math.floorMod(pts - lastPts, PTS_MODULUS);
      // Decode order runs slightly back in time around B-frames: small steps back are negative.
      ticksSinceFirstPicture += delta >= PTS_MODULUS / 2 ? delta - PTS_MODULUS : delta;
    }
    lastPts = pts;
    return true;
  }

  /** The PTS of the PES header this packet starts, or -1. */
  private static long pesPts(byte[] p, int o) {
    if ((p[o + 1] & 0x40) == 0) {
      return -1;
    }
    int adaptation = (p[o + 3] >> 4) & 0x3;
    if (adaptation == 2) {
      return -1;
    }
    int s = o + 4;
    if (adaptation == 3) {
      s += 1 + (p[s] & 0xFF);
    }
    if (s + 14 > o + PACKET || p[s] != 0 || p[s + 1] != 0 || p[s + 2] != 1) {
      return -1;
    }
    if ((p[s + 7] & 0x80) == 0) {
      return -1;
    }
    int t = s + 9;
    return ((long) (p[t] & 0x0E) << 29)
        | ((long) (p[t + 1] & 0xFF) << 22)
        | ((long) (p[t + 2] & 0xFE) << 14)
        | ((long) (p[t + 3] & 0xFF) << 7)
        | ((p[t + 4] & 0xFE) >> 1);
  }

  /** The latest PAT and PMT packets, or null before both were seen. */
  byte[] programTables() {
    if (pat == null || pmt == null) {
      return null;
    }
    byte[] tables = new byte[2 * PACKET];
    System.arraycopy(pat, 0, tables, 0, PACKET);
    System.arraycopy(pmt, 0, tables, PACKET, PACKET);
    return tables;
  }

  private static byte[] copy(byte[] chunk, int offset) {
    byte[] packet = new byte[PACKET];
    System.arraycopy(chunk, offset, packet, 0, PACKET);
    return packet;
  }

  private static boolean isRandomAccess(byte[] p, int o) {
    boolean payloadStart = (p[o + 1] & 0x40) != 0;
    int adaptation = (p[o + 3] >> 4) & 0x3;
    return payloadStart
        && (adaptation == 2 || adaptation == 3)
        && (p[o + 4] & 0xFF) > 0
        && (p[o + 5] & 0x40) != 0;
  }

  /** Offset of the section start (after header, adaptation field and pointer field), or -1. */
  private static int sectionStart(byte[] p, int o) {
    if ((p[o + 1] & 0x40) == 0) {
      return -1;
    }
    int adaptation = (p[o + 3] >> 4) & 0x3;
    int start = o + 4;
    if (adaptation == 2 || adaptation == 3) {
      start += 1 + (p[start] & 0xFF);
    }
    start += 1 + (p[start] & 0xFF);
    return start < o + PACKET ? start : -1;
  }

  private static int programMapPid(byte[] p, int o) {
    int s = sectionStart(p, o);
    if (s < 0) {
      return -1;
    }
    int sectionLength = ((p[s + 1] & 0x0F) << 8) | (p[s + 2] & 0xFF);
    int end = Math.min(s + 3 + sectionLength - 4, o + PACKET);
    for (int e = s + 8; e + 4 <= end; e += 4) {
      int program = ((p[e] & 0xFF) << 8) | (p[e + 1] & 0xFF);
      if (program != 0) {
        return ((p[e + 2] & 0x1F) << 8) | (p[e + 3] & 0xFF);
      }
    }
    return -1;
  }

  private static int videoPid(byte[] p, int o) {
    int s = sectionStart(p, o);
    if (s < 0) {
      return -1;
    }
    int sectionLength = ((p[s + 1] & 0x0F) << 8) | (p[s + 2] & 0xFF);
    int end = Math.min(s + 3 + sectionLength - 4, o + PACKET);
    int programInfoLength = ((p[s + 10] & 0x0F) << 8) | (p[s + 11] & 0xFF);
    for (int e = s + 12 + programInfoLength; e + 5 <= end; ) {
      int streamType = p[e] & 0xFF;
      int pid = ((p[e + 1] & 0x1F) << 8) | (p[e + 2] & 0xFF);
      if (streamType == STREAM_TYPE_H264) {
        return pid;
      }
      e += 5 + (((p[e + 3] & 0x0F) << 8) | (p[e + 4] & 0xFF));
    }
    return -1;
  }
}
