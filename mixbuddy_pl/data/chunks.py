"""ChunkIndex: fixed windows over a split's songs, with each stem's loudness per window."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class ChunkIndex:
    """Fixed windows over a split's songs, with each stem's loudness (LUFS) per window."""

    songs: list[str]
    stem_names: tuple[str, ...]
    song_idx: np.ndarray  # [chunks] int
    start: np.ndarray  # [chunks] first sample
    length: np.ndarray  # [chunks] samples (shorter than the window only for songs shorter than one window)
    lufs: np.ndarray  # [chunks, stems]
    dropped: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.start)

    def audible(self, chunk: int, silence_lufs: float) -> list[str]:
        """Stems louder than the silence threshold in `chunk`: the only possible targets and anchors."""
        return [s for s, lufs in zip(self.stem_names, self.lufs[chunk].tolist()) if lufs > silence_lufs]

    def keep(self, mask: np.ndarray, reason: str) -> ChunkIndex:
        """A copy without the chunks where `mask` is False, counting them under `reason`."""
        dropped = dict(self.dropped)
        if (~mask).any():
            dropped[reason] = dropped.get(reason, 0) + int((~mask).sum())
        return ChunkIndex(self.songs, self.stem_names, self.song_idx[mask], self.start[mask],
                          self.length[mask], self.lufs[mask], dropped)
