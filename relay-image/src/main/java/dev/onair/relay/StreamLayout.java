package dev.onair.relay;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_cmp_q;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * The streams the relay forwards (first video, first audio), copied out of one input session.
 *
 * <p>Outputs build their muxers from this copy rather than from the input's format context, so an
 * input reconnect can free its context while outputs keep their sessions open.
 */
public final class StreamLayout implements AutoCloseable {
  /** One forwarded stream; {@code inputIndex} is its index in the input session it came from. */
  record Track(int inputIndex, boolean video, AVCodecParameters parameters, AVRational timeBase) {}

  private final List<Track> tracks;
  private final int[] trackOfInput;

  private StreamLayout(List<Track> tracks, int inputStreams) {
    this.tracks = List.copyOf(tracks);
    this.trackOfInput = new int[inputStreams];
    Arrays.fill(trackOfInput, -1);
    for (int i = 0; i < tracks.size(); i++) {
      trackOfInput[tracks.get(i).inputIndex()] = i;
    }
  }

  /** Copies the first video and first audio stream of an opened input. */
  static StreamLayout of(AVFormatContext input) {
    List<Track> tracks = new ArrayList<>();
    boolean haveVideo = false;
    boolean haveAudio = false;
    for (int i = 0; i < input.nb_streams(); i++) {
      AVStream stream = input.streams(i);
      int type = stream.codecpar().codec_type();
      boolean video = type == AVMEDIA_TYPE_VIDEO && !haveVideo;
      boolean audio = type == AVMEDIA_TYPE_AUDIO && !haveAudio;
      if (!video && !audio) {
        continue;
      }
      haveVideo |= video;
      haveAudio |= audio;
      AVCodecParameters copy = avcodec_parameters_alloc();
      avcodec_parameters_copy(copy, stream.codecpar());
      // MPEG-TS stream tags mean nothing to FLV ("Tag [27] incompatible"): let the muxer choose.
      copy.codec_tag(0);
      AVRational timeBase =
          new AVRational().num(stream.time_base().num()).den(stream.time_base().den());
      tracks.add(new Track(i, video, copy, timeBase));
    }
    return new StreamLayout(tracks, input.nb_streams());
  }

  List<Track> tracks() {
    return tracks;
  }

  /** The track an input packet belongs to, or -1 for streams the relay does not forward. */
  int trackOf(int inputIndex) {
    return inputIndex >= 0 && inputIndex < trackOfInput.length ? trackOfInput[inputIndex] : -1;
  }

  boolean hasVideo() {
    return tracks.stream().anyMatch(Track::video);
  }

  /** False when probing ended before every track's parameters were known (e.g. input cut short). */
  boolean complete() {
    for (Track track : tracks) {
      AVCodecParameters p = track.parameters();
      boolean known =
          track.video()
              ? p.width() > 0 && p.height() > 0
              : p.sample_rate() > 0 && p.ch_layout().nb_channels() > 0;
      if (!known) {
        return false;
      }
    }
    return true;
  }

  /** True when an output session built for {@code other} can carry this layout's packets too. */
  boolean compatibleWith(StreamLayout other) {
    if (other == null || other.tracks.size() != tracks.size()) {
      return false;
    }
    for (int i = 0; i < tracks.size(); i++) {
      AVCodecParameters a = tracks.get(i).parameters();
      AVCodecParameters b = other.tracks.get(i).parameters();
      if (tracks.get(i).video() != other.tracks.get(i).video()
          || a.codec_id() != b.codec_id()
          || av_cmp_q(tracks.get(i).timeBase(), other.tracks.get(i).timeBase()) != 0
          || a.width() != b.width()
          || a.height() != b.height()
          || a.sample_rate() != b.sample_rate()
          || a.ch_layout().nb_channels() != b.ch_layout().nb_channels()
          || !Arrays.equals(extradata(a), extradata(b))) {
        return false;
      }
    }
    return true;
  }

  private static byte[] extradata(AVCodecParameters parameters) {
    int size = parameters.extradata_size();
    byte[] bytes = new byte[Math.max(0, size)];
    if (size > 0) {
      parameters.extradata().get(bytes);
    }
    return bytes;
  }

  @Override
  public void close() {
    for (Track track : tracks) {
      avcodec_parameters_free(track.parameters());
    }
  }
}
