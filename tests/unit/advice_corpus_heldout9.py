"""Held-out corpus 9: free-text gain-balancing advice for a 4-stem mix.

Each entry is (answer text, label). The answer text is what a person or a model wrote about a mix made of
four stems (drums, bass, other, vocals); the label is the relative-level advice a careful reader would score
from it.

Voices (one block each, marked by a "# Voice N" comment):
  1. front-of-house / live-sound engineer notes at a soundcheck (monitor / wedge / IEM / side-fill requests
     are refused; only the house mix counts);
  2. zero-shot audio-language-model answers reasoning step by step ("First, let's analyze ...", numbered
     reasoning, a final "Answer:" line; the reasoning sometimes mentions stems it does not change);
  3. text messages between band members about the latest mix bounce (abbreviations, lower case, "lol",
     "ngl", corrections in the next message);
  4. magazine / blog mix critique in literary prose;
  5. LLM judges writing JSON or pseudo-JSON verdicts comparing mix A with reference mix B (the label is
     the correction A needs to match B);
  6. English written by Italian / Portuguese / Chinese / Korean / Russian speakers (literal translations,
     decimal commas, odd prepositions, missing articles);
  7. long multi-paragraph answers with the level advice buried among EQ, reverb, panning and arrangement
     remarks;
  8. a session player's or producer's spoken advice, transcribed (fillers, restarts, "no wait", numbers
     as words).

Label grammar: comma-separated entries "<stem> <up|down> <moderate|large> [<dB>]" or "<stem> leave", or
the single word "fine" or "refuse". Entries are ordered drums, bass, other, vocals; a stem appears at most
once.
Conventions:
  * a stated dB value decides the magnitude (<= 6 moderate, > 6 large) and is given unsigned; ranges use
    the midpoint ("2-3 dB" -> 2.5, "a dB or two" -> 1.5, "a couple of dB" -> 2, "half a dB" -> 0.5);
    "a few dB" -> moderate with no number; percentages / fractions ("20% louder", "half as loud") carry
    no number, and "half as loud" / "twice as loud" are large;
  * without a number, intensifiers (way, much, a lot, very, buried, drowning, barely audible, can't
    hear, ...) give large, otherwise moderate;
  * instruments map to stems: kick / snare / hats / toms / cymbals / overheads / percussion -> drums;
    bass guitar / synth bass / sub / 808 / low end -> bass; lead vocal / backing vocals / BVs / singer /
    voice / vox / choir / harmonies / rap -> vocals; everything else (guitars incl. lead guitar, keys,
    piano, synths, pads, strings, horns, organ) -> other; same-direction moves on parts of one stem give
    one entry; opposite moves inside one stem -> refuse;
  * "leave" only from an explicit "X is fine / don't touch X / the rest is fine" (the rest = every stem
    not otherwise moved); all four stems fine -> "fine";
  * a comparison with a clear action moves the stem said to be wrong; a bare comparison with no action
    -> refuse;
  * masking without an action, alternatives ("either X or Y"), questions, hedges that withdraw the
    advice, tone / EQ / reverb / panning / compression-only remarks, whole-mix loudness / mastering
    remarks, monitor-mix requests and unresolvable pronouns -> "refuse"; self-corrections -> the
    corrected advice only;
  * "the instrumental / the band / the music / everything but the vocal" = drums, bass, other;
  * mix A vs reference B (voice 5): the label is what A needs ("A's vocals are 4 dB quieter than B's"
    -> "vocals up moderate 4").

Written blind, never tuned on: the author never opened the parser nor any earlier corpus.
"""

HELDOUT9: tuple[tuple[str, str], ...] = (
    # Voice 1: front-of-house / live-sound engineer notes at a soundcheck
    (
        "Soundcheck notes, house: lead vox up 2 dB, it's getting lost once the band kicks in.",
        "vocals up moderate 2",
    ),
    (
        "More vox in the wedges please, singer can't hear herself on the downstage mic.",
        "refuse",
    ),
    ("FOH: kick is way too hot in the room, pull it back.", "drums down large"),
    (
        "House mix: bass DI down 3dB, keys up a touch. Drums and vocals are fine.",
        "drums leave, bass down moderate 3, other up moderate, vocals leave",
    ),
    ("Side fills need more kick and less guitar for the drummer.", "refuse"),
    ("Line check done. Balance in the house is good, nothing to change before doors.", "fine"),
    ("Snare's barely audible out front, bring the snare and toms up.", "drums up large"),
    (
        "Guitar amp is bleeding everywhere. Asked him to turn down on stage; also pull the guitars "
        "down 2-3 dB in the PA.",
        "other down moderate 2.5",
    ),
    ("Sub is shaking the bar, take the low end down 6 dB at FOH.", "bass down moderate 6"),
    (
        "House: vox +3, everything else stays where it is.",
        "drums leave, bass leave, other leave, vocals up moderate 3",
    ),
    ("Drummer wants more hats in his mix.", "refuse"),
    ("Kick drum up 1 dB in the mains.", "drums up moderate 1"),
    (
        "Mains: the band is too loud under the singer, bring the band down a couple dB.",
        "drums down moderate 2, bass down moderate 2, other down moderate 2",
    ),
    (
        "Note for tonight: vocals were buried in the house at last night's show, push them way up.",
        "vocals up large",
    ),
    ("Kick and bass are fighting around 80 Hz out front.", "refuse"),
    ("FOH mix: toms up, hats down a bit.", "refuse"),
    (
        "Acoustic guitar up 4 dB in the house, the vocal is fine where it is.",
        "other up moderate 4, vocals leave",
    ),
    (
        "In the room the horns are cutting through way too much, tuck them down 5 dB, and bring the "
        "bass guitar up a dB or two.",
        "bass up moderate 1.5, other down moderate 5",
    ),
    ("House mix sounds great. Maybe a hair more kick? Nah, leave it.", "fine"),
    (
        "Lead vocal could come up a little in the mains, and the backing vocals with it.",
        "vocals up moderate",
    ),
    ("Snare is louder than the vocal out front.", "refuse"),
    (
        "Drums are louder than the vocal in the house, bring the drums down 3.",
        "drums down moderate 3",
    ),
    ("Synth pad is way too quiet in the PA, push it up about 8 dB.", "other up large 8"),
    (
        "Stage bass is loud enough, so don't touch the bass in the house. Vox up 1.5.",
        "bass leave, vocals up moderate 1.5",
    ),
    (
        "Changeover notes: piano down 2, organ down 2, guitars down 2. Drums, bass and vox fine.",
        "drums leave, bass leave, other down moderate 2, vocals leave",
    ),
    (
        "Out front the harmonies are barely there, bring the BVs up a lot, and kick down 2 dB.",
        "drums down moderate 2, vocals up large",
    ),
    ("Either the guitars come down or the vocal goes up, your call, the middle is cluttered.", "refuse"),
    (
        "Rapper's vocal up about four dB in the house, he's getting lost in the 808.",
        "vocals up moderate 4",
    ),
    (
        "FOH: more lead vox in the house. Yes he also wants more in his wedge, but sort the house first.",
        "vocals up moderate",
    ),
    (
        "Bass fine, drums fine. Guitars are washing out the vocal in the room, take them down a lot.",
        "drums leave, bass leave, other down large",
    ),
    # Voice 2: zero-shot audio-language-model answers reasoning step by step
    (
        "First, let's analyze the mix. The vocals are clearly present but slightly overshadowed by the "
        "guitars. The drums provide a steady rhythm and the bass outlines the chords. Therefore, I "
        "recommend increasing the vocals by about 2 dB.\nAnswer: vocals +2 dB",
        "vocals up moderate 2",
    ),
    (
        "Step 1: Identify the stems: drums, bass, other, vocals.\nStep 2: Assess the levels. The drums are "
        "very dominant and cover the other instruments.\nStep 3: Recommendation. The drums should be "
        "reduced significantly.\nAnswer: Reduce the drums by a large amount.",
        "drums down large",
    ),
    (
        "Let's think step by step.\n1. The bass is audible and supports the low end.\n2. The vocals sit on "
        "top of the mix.\n3. The other instruments are quiet and hard to hear.\nTherefore, I recommend "
        "raising the other stem by 4 dB.\nAnswer: other +4 dB",
        "other up moderate 4",
    ),
    (
        "First, let's analyze the audio. The mix appears well balanced: the drums, bass, accompaniment "
        "and vocals are all at appropriate levels. Therefore, no adjustment is necessary.\n"
        "Answer: No changes needed.",
        "fine",
    ),
    (
        "To answer this question, we need to consider the relative loudness of each stem. The vocals are "
        "louder than the drums, and the bass is quieter than the other instruments.\n"
        "Answer: The vocals are louder than the drums.",
        "refuse",
    ),
    (
        "It is difficult to determine the exact levels from the audio alone. The vocals might be "
        "slightly loud, but this could be an intentional artistic choice. Therefore, I cannot recommend "
        "a specific change.\nAnswer: Unable to determine.",
        "refuse",
    ),
    (
        "First, the drums are punchy and clear. Second, the bass guitar is barely audible in the low end. "
        "Third, the vocals are intelligible. Therefore, I recommend boosting the bass substantially, by "
        "around 7 dB.\nAnswer: bass +7 dB",
        "bass up large 7",
    ),
    (
        "Analyzing the balance, the vocals are too loud relative to the instrumental, by roughly 3 to 4 "
        "dB. Therefore, I recommend lowering the vocals by 3-4 dB and leaving the other stems unchanged."
        "\nAnswer: vocals -3.5 dB",
        "drums leave, bass leave, other leave, vocals down moderate 3.5",
    ),
    (
        "Let's evaluate each stem.\n1. Drums: slightly too loud, reduce by 2 dB.\n2. Bass: appropriate, "
        "no change.\n3. Other: too quiet, increase by 3 dB.\n4. Vocals: appropriate, no change.\n"
        "Answer: drums -2 dB, other +3 dB",
        "drums down moderate 2, bass leave, other up moderate 3, vocals leave",
    ),
    (
        "First, let's analyze the frequency content. The vocals have excessive sibilance around 6 kHz "
        "and the guitars are muddy. Therefore, I recommend applying a de-esser to the vocals and cutting "
        "around 300 Hz on the guitars.\nAnswer: De-ess the vocals and cut the low mids on the guitars.",
        "refuse",
    ),
    (
        "Initially, it seems the drums are too loud. However, on closer inspection, the drums are fine "
        "and it is actually the bass that is overpowering the mix. Therefore, I recommend reducing the "
        "bass by 3 dB.\nAnswer: bass -3 dB",
        "drums leave, bass down moderate 3",
    ),
    (
        "The music is quite loud and the vocals are quieter than expected for a pop song. Therefore, the "
        "vocals should be increased.\nAnswer: Increase the vocals.",
        "vocals up moderate",
    ),
    (
        "First, let's measure the overall loudness. The track is at approximately -20 LUFS, which is "
        "quiet for streaming platforms. Therefore, I recommend normalizing the master to -14 LUFS.\n"
        "Answer: Increase the overall loudness by 6 dB.",
        "refuse",
    ),
    (
        "Step by step: the piano and strings are drowning out the vocal. The vocal itself is fine. "
        "Therefore, I recommend lowering the piano and strings by 6 dB.\nAnswer: other -6 dB",
        "other down moderate 6, vocals leave",
    ),
    (
        "Let's analyze each stem's level in the mix and estimate the gain change required.\n"
        "Answer: drums: -1.5 dB, bass: 0 dB, other: 0 dB, vocals: +2.5 dB",
        "drums down moderate 1.5, bass leave, other leave, vocals up moderate 2.5",
    ),
    (
        "First, let's listen to the low end. The kick drum and the bass guitar are clashing, which makes "
        "the low end muddy. The vocals are clear.\nAnswer: The kick and bass are masking each other.",
        "refuse",
    ),
    (
        "Reasoning:\n1) The vocal track is very faint compared to the backing track.\n2) In pop music, "
        "listeners focus on the vocals.\n3) Hence the vocal needs a significant boost.\n"
        "Answer: Increase the vocals a lot.",
        "vocals up large",
    ),
    (
        "First, let's analyze the audio. The synthesizers are too loud by about 10 dB and dominate the "
        "chorus. The drums and bass form a solid foundation.\nAnswer: other -10 dB",
        "other down large 10",
    ),
    (
        "First, let's analyze the balance between the rhythm section and the vocals. The drums and bass "
        "are slightly too quiet compared to the vocal. Therefore, I recommend raising the drums and bass "
        "by 2 dB each.\nAnswer: drums +2 dB, bass +2 dB",
        "drums up moderate 2, bass up moderate 2",
    ),
    (
        "The vocals are louder than the instruments. Therefore, I recommend reducing them by 3 dB.\n"
        "Answer: vocals -3 dB",
        "vocals down moderate 3",
    ),
    (
        "First, let's analyze the audio. There are drums, a bass, an electric guitar and vocals. It is "
        "too loud and should be turned down by 2 dB.\nAnswer: Turn it down by 2 dB.",
        "refuse",
    ),
    (
        "Step 1: The percussion is barely audible.\nStep 2: The bass, guitars and vocals are balanced "
        "well.\nStep 3: Raise the percussion by 5 dB. The other stems are fine.\nAnswer: drums +5 dB",
        "drums up moderate 5, bass leave, other leave, vocals leave",
    ),
    (
        "First, let's compare the vocal level with the band. The vocal is a little low. Therefore, the "
        "vocals should be about 20% louder.\nAnswer: vocals up by 20%",
        "vocals up moderate",
    ),
    (
        "Let's analyze. The guitars are much louder than the rest of the arrangement and fill the whole "
        "midrange. Therefore, the guitars should be half as loud.\nAnswer: other at half the volume.",
        "other down large",
    ),
    (
        "Let's analyze step by step. The drums are loud. The bass is loud. The vocals are quiet. "
        "Therefore I recommend: drums -3 dB, bass -3 dB, vocals +3 dB.\n"
        "Answer: drums -3 dB, bass -3 dB, vocals +3 dB",
        "drums down moderate 3, bass down moderate 3, vocals up moderate 3",
    ),
    (
        "First, the backing vocals and the lead vocal are both buried under the guitars. Second, the "
        "drums are tight and well played. Therefore, raise the vocals by 8 dB.\nAnswer: vocals +8 dB",
        "vocals up large 8",
    ),
    (
        "Let's estimate the gain change for each stem.\nAnswer: drums -2 dB, bass +1 dB, other -1 dB, "
        "vocals +4 dB",
        "drums down moderate 2, bass up moderate 1, other down moderate 1, vocals up moderate 4",
    ),
    (
        "1. The kick and snare are too quiet compared to the other stems.\n2. The bass is clear.\n"
        "3. Therefore the drums should be raised by one to two dB.\nAnswer: drums +1.5 dB",
        "drums up moderate 1.5",
    ),
    (
        "First, let's analyze the mix. The keyboards and guitars are slightly too loud, and the vocal is "
        "slightly too quiet. Therefore, I recommend lowering the other stem by 1 dB and raising the "
        "vocals by 1 dB.\nAnswer: other -1 dB, vocals +1 dB",
        "other down moderate 1, vocals up moderate 1",
    ),
    (
        "Step 1: The bass is very loud and masks the kick.\nStep 2: The vocals and guitars are fine.\n"
        "Step 3: Reduce the bass by a few dB.\nAnswer: bass down a few dB",
        "bass down moderate, other leave, vocals leave",
    ),
    # Voice 3: text messages between band members about the latest mix bounce
    ("ngl the vox are buried in this bounce, can u push them up", "vocals up large"),
    ("drums r way too loud lol", "drums down large"),
    ("turn the drums down a bit\n*bass not drums sorry", "bass down moderate"),
    ("sounds sick!! dont change anything", "fine"),
    ("guitar up like 2db and vox down 1", "other up moderate 2, vocals down moderate 1"),
    ("is the bass too loud or is it just my earbuds", "refuse"),
    (
        "kick n snare need to come up a few db, rest is fine",
        "drums up moderate, bass leave, other leave, vocals leave",
    ),
    ("the synths r way too loud, drowning everything lmao", "other down large"),
    ("vocals sound a bit loud to me but tbh could be fine, ur call", "refuse"),
    ("bass needs to be WAY louder, cant hear it on my phone at all", "bass up large"),
    ("lol the bass is louder than the vocals", "refuse"),
    ("mix is good but the snare is louder than me lol, bring it down a touch", "drums down moderate"),
    (
        "pull everything except vox down 2db",
        "drums down moderate 2, bass down moderate 2, other down moderate 2",
    ),
    ("guitars up 3\nwait no, guitars DOWN 3, theyre already too loud", "other down moderate 3"),
    (
        "drums +2, bass -1, keys fine, vox fine",
        "drums up moderate 2, bass down moderate 1, other leave, vocals leave",
    ),
    ("honestly just make it louder overall, its quiet next to everything on spotify", "refuse"),
    ("can barely hear the harmonies lol, bump em", "vocals up large"),
    ("bass fine, drums fine, guitars fine, vox fine. ship it", "fine"),
    ("the 808 is too much ngl, drop it like 4-5db", "bass down moderate 4.5"),
    ("either lower the guitar or raise my vocal, one or the other", "refuse"),
    ("can u turn me up in the monitors for the gig tmrw", "refuse"),
    ("piano a hair louder pls", "other up moderate"),
    ("the vocals need to come up\nsorry meant the drums lol", "drums up moderate"),
    (
        "ngl the bass is a bit much, maybe 2 db down, everything else is perfect",
        "drums leave, bass down moderate 2, other leave, vocals leave",
    ),
    ("turn up the lead guitar in the solo, like a lot", "other up large"),
    ("keys r buried in the chorus, bring em up like 7db", "other up large 7"),
    ("bass could come up a tiny bit, like half a db", "bass up moderate 0.5"),
    ("vox down 1.5 and bass up 1.5", "bass up moderate 1.5, vocals down moderate 1.5"),
    ("drums twice as loud lol jk. but def up a couple db", "drums up moderate 2"),
    ("my vocal is too quiet in v2 bounce, and the organ is too loud", "other down moderate, vocals up moderate"),
    # Voice 4: magazine / blog mix critique, literary prose
    (
        "The vocal floats a touch too far above the band, as though the singer had wandered in from "
        "another session.",
        "vocals down moderate",
    ),
    (
        "Beneath it all, the bass is barely audible, a rumour rather than a presence; it deserves to be "
        "pushed forward.",
        "bass up large",
    ),
    (
        "The drums, crisp and admirably restrained, need no adjustment; it is the guitars that crowd "
        "the frame and would benefit from stepping back a few decibels.",
        "drums leave, other down moderate",
    ),
    ("This is a beautifully balanced record: every element sits exactly where it should.", "fine"),
    ("The strings swell gorgeously, yet their reverb tail smears the chorus into a pastel blur.", "refuse"),
    ("The piano is louder than the vocal for much of the second verse.", "refuse"),
    (
        "One wishes the snare had been brought up a little in the mix; as it stands it is a polite tap "
        "where a crack was wanted.",
        "drums up moderate",
    ),
    (
        "The lead vocal is buried beneath a wall of synthesizers, and only raising it substantially "
        "would let the lyric land.",
        "vocals up large",
    ),
    ("Whether the kick should sit higher is, in the end, a matter of taste.", "refuse"),
    (
        "The mix wants the vocal down perhaps two decibels, and the rhythm guitars nudged up by the same "
        "amount.",
        "other up moderate 2, vocals down moderate 2",
    ),
    ("The mastering is brutally loud, flattening every transient into a grey wall.", "refuse"),
    (
        "The horns blare far too loudly over the verses; they should be pulled well back.",
        "other down large",
    ),
    (
        "The drums and bass lock together beautifully and should be left alone, but the vocal needs "
        "lifting by a decibel or so.",
        "drums leave, bass leave, vocals up moderate 1",
    ),
    (
        "If anything, the synth bass might be a shade too prominent, though it is hard to fault a "
        "choice made with such conviction.",
        "refuse",
    ),
    (
        "The band plays with such restraint that the vocal, already generous, could afford to drop a "
        "little.",
        "vocals down moderate",
    ),
    (
        "Everything but the voice feels distant; bring the instrumental up three decibels and the record "
        "would breathe.",
        "drums up moderate 3, bass up moderate 3, other up moderate 3",
    ),
    (
        "The cymbals are too loud, at times painfully so, and should be reined in considerably.",
        "drums down large",
    ),
    (
        "A more generous helping of bass, a few decibels' worth, would have given the track the weight "
        "it lacks.",
        "bass up moderate",
    ),
    (
        "The acoustic guitar is louder than it needs to be, and the vocals quieter than they ought to be.",
        "other down moderate, vocals up moderate",
    ),
    (
        "The drummer's ghost notes are all but inaudible, a pity, and one easily remedied by raising the "
        "snare a great deal.",
        "drums up large",
    ),
    (
        "Of the many elements jostling for attention here, it simply sits too high in the mix.",
        "refuse",
    ),
    (
        "The harmonies are too quiet and the lead too loud: a single fader move on each would fix it.",
        "refuse",
    ),
    (
        "The keys, so central to the arrangement, are half as loud as they ought to be.",
        "other up large",
    ),
    ("The sub-bass is overcooked by a good six decibels.", "bass down moderate 6"),
    (
        "The guitars, for all their snarl, are mixed so low as to be nearly inaudible; they need raising by "
        "some six decibels.",
        "other up moderate 6",
    ),
    (
        "Her voice, so expressive in the quieter verses, is swallowed whole in the choruses; lift it there "
        "and nothing else needs touching.",
        "drums leave, bass leave, other leave, vocals up large",
    ),
    (
        "The bass and drums are pushed a few decibels too far forward, lending the ballad a heaviness it "
        "does not want.",
        "drums down moderate, bass down moderate",
    ),
    (
        "Were this reviewer at the console, he would pull the drums down about 8 dB and call it a day.",
        "drums down large 8",
    ),
    (
        "The vocals sit perfectly; the rest of the band, however, is a little too timid and should "
        "come up.",
        "drums up moderate, bass up moderate, other up moderate, vocals leave",
    ),
    (
        "Only the percussion seems too quiet; the rest is fine.",
        "drums up moderate, bass leave, other leave, vocals leave",
    ),
    # Voice 5: LLM judges writing JSON / pseudo-JSON verdicts, mix A vs reference mix B
    (
        '{"vocals": "+3 dB", "drums": "ok", "bass": "ok", "other": "ok"}',
        "drums leave, bass leave, other leave, vocals up moderate 3",
    ),
    (
        '{"verdict": "A is close to B", "fix": "lower A\'s drums by 2 dB"}',
        "drums down moderate 2",
    ),
    ('{"verdict": "A matches B", "fix": null}', "fine"),
    ('{"comparison": "A\'s vocals are 4 dB quieter than B\'s"}', "vocals up moderate 4"),
    ('{"bass": "A is louder than B by ~5 dB"}', "bass down moderate 5"),
    (
        '{"adjust_A": {"drums": "-2", "bass": "0", "other": "+1.5", "vocals": "0"}}',
        "drums down moderate 2, bass leave, other up moderate 1.5, vocals leave",
    ),
    (
        '{"verdict": "B has more reverb on the vocal than A", "fix": "add reverb to A\'s vocal"}',
        "refuse",
    ),
    (
        '{"verdict": "A is quieter overall than B (about 3 LU)", "fix": "raise A\'s master gain"}',
        "refuse",
    ),
    ("verdict: A needs more guitar to match B. fix: other +6dB", "other up moderate 6"),
    (
        '{"vocals": {"A_minus_B": "-7 dB", "action": "raise A\'s vocals"}}',
        "vocals up large 7",
    ),
    ('{"drums": "A much too loud vs B", "action": "reduce"}', "drums down large"),
    ('{"verdict": "A is better than B", "score_A": 8, "score_B": 6}', "refuse"),
    ('{"bass": "ok", "drums": "ok", "other": "ok", "vocals": "ok"}', "fine"),
    ('{"fix": "either raise A\'s vocals or lower A\'s instrumental"}', "refuse"),
    (
        '{"verdict": "In A the kick and snare are a couple of dB hotter than in B", '
        '"fix": "pull A\'s drums down"}',
        "drums down moderate 2",
    ),
    (
        '{"differences": ["A vocals quieter than B by 2-3 dB", "A bass louder than B by 1 dB"], '
        '"rest": "matches B"}',
        "drums leave, bass down moderate 1, other leave, vocals up moderate 2.5",
    ),
    ('{"vocals": "A louder than B?", "confidence": 0.3}', "refuse"),
    (
        '{"verdict": "B\'s instrumental is about half as loud as A\'s", "fix": "lower A\'s instrumental"}',
        "drums down large, bass down large, other down large",
    ),
    (
        '{"verdict": "A\'s lead vocal is drowning in the band compared with B", '
        '"fix": "bring A\'s vocal up substantially"}',
        "vocals up large",
    ),
    (
        '{"guitars": "+2 dB", "keys": "+2 dB", "vocals": "-1 dB"}',
        "other up moderate 2, vocals down moderate 1",
    ),
    (
        '{"verdict": "Mix A has the drums louder than B; everything else equal", "fix": "drums -4dB"}',
        "drums down moderate 4, bass leave, other leave, vocals leave",
    ),
    (
        "Verdict: A is roughly equal to B. A's bass may be 1 dB low, but that is within tolerance, "
        "no fix required.",
        "fine",
    ),
    ('{"stem": "other", "direction": "down", "amount_db": 3.5}', "other down moderate 3.5"),
    ('{"stem": "vocals", "direction": "up", "amount_db": 9}', "vocals up large 9"),
    ('{"verdict": "In A, the vocals are louder than the drums"}', "refuse"),
    (
        '{"verdict": "A needs work", "fix": {"drums": "down a lot", "bass": "up slightly"}}',
        "drums down large, bass up moderate",
    ),
    ('{"vocals": "+0.5 dB", "other": "-0.5 dB"}', "other down moderate 0.5, vocals up moderate 0.5"),
    (
        '{"verdict": "A\'s snare is louder than B\'s but A\'s hats are quieter", "fix": "snare down, hats up"}',
        "refuse",
    ),
    (
        '{"verdict": "A\'s bass is 3 dB hotter than B\'s, and the rest of A matches B"}',
        "drums leave, bass down moderate 3, other leave, vocals leave",
    ),
    (
        '```json\n{"drums": "+1", "bass": "+1", "other": "+1", "vocals": "ok"}\n```',
        "drums up moderate 1, bass up moderate 1, other up moderate 1, vocals leave",
    ),
    # Voice 6: English by Italian / Portuguese / Chinese / Korean / Russian speakers
    ("The voice is too much high, you must to lower it of 2 dB.", "vocals down moderate 2"),
    ("The bass is very low in the mix, need to put more 3,5 dB.", "bass up moderate 3.5"),
    ("Vocal volume too small, suggest increase 6 dB.", "vocals up moderate 6"),
    ("Drum is little bit loud. Please down 1,5dB.", "drums down moderate 1.5"),
    ("Bass guitar is too loud, lower on 4 dB. Vocal is normal.", "bass down moderate 4, vocals leave"),
    (
        "In my opinion the guitars are a little bit too under, I would raise them of some dB.",
        "other up moderate",
    ),
    ("Everything is good, no need to change nothing.", "fine"),
    ("The drum sound is too strong, reduce a lot.", "drums down large"),
    (
        "Vocal and bass both is small, please up 2 dB each one.",
        "bass up moderate 2, vocals up moderate 2",
    ),
    ("Keyboards too quiet, must be louder on 20 percents.", "other up moderate"),
    ("Is the voice too high? I am not sure.", "refuse"),
    ("The voice has too much reverb, I would put it more dry.", "refuse"),
    ("Guitar is more loud than vocal.", "refuse"),
    ("Drums is louder than vocal, so decrease drums on 3 dB.", "drums down moderate 3"),
    ("Turn up the voice of two dB, no, of three dB.", "vocals up moderate 3"),
    ("Lower the drums or raise the voice, both works.", "refuse"),
    (
        "Instrumental part too loud, lower 2-3 dB, vocal keep.",
        "drums down moderate 2.5, bass down moderate 2.5, other down moderate 2.5, vocals leave",
    ),
    ("Piano sound almost not hear, need much bigger.", "other up large"),
    ("Total loudness is small, need to make master louder.", "refuse"),
    ("The voice is drowned, put it up a lot, 8 dB maybe.", "vocals up large 8"),
    (
        "Suggest: drum -2dB, bass +1dB, other keep, vocal +2dB.",
        "drums down moderate 2, bass up moderate 1, other leave, vocals up moderate 2",
    ),
    ("Synthesizer is too big sound. Decrease 7dB.", "other down large 7"),
    ("I think the mix is balanced, I would not touch anything.", "fine"),
    (
        "The low frequencies are too much, lower the bass of 5 dB and the rest leave as is.",
        "drums leave, bass down moderate 5, other leave, vocals leave",
    ),
    ("Put the guitars more low, like 0,5 dB only.", "other down moderate 0.5"),
    (
        "Vocal is OK. Drum need up a little. Bass is OK. Other instruments OK.",
        "drums up moderate, bass leave, other leave, vocals leave",
    ),
    ("Vocal is drowning in guitars. Lift vocal on 10 dB.", "vocals up large 10"),
    ("Please put more voice in the monitor of the singer.", "refuse"),
    ("Strings are loud on one and half dB, make them quieter.", "other down moderate 1.5"),
    ("For me the chorus voices and the solo voice must go up of a few dB together.", "vocals up moderate"),
    # Voice 7: long multi-paragraph answers with the level advice buried in the middle
    (
        "Overall this is a solid mix with a clear sense of space. The stereo image is wide, and the "
        "reverb on the snare gives the chorus a nice lift.\n\n"
        "In terms of balance, the lead vocal is sitting about 2 dB too low; in the verses especially some "
        "words get lost. I'd bring it up and leave everything else where it is.\n\n"
        "On the EQ side, the acoustic guitars could use a high-pass around 100 Hz to clean up the low "
        "end, and a little air on the vocal bus wouldn't hurt.",
        "drums leave, bass leave, other leave, vocals up moderate 2",
    ),
    (
        "Nice work on this one. The arrangement builds well, and I like the decision to drop the drums "
        "out for the first half of the second verse.\n\n"
        "A few things I'd look at. The snare has a ringy overtone around 900 Hz that gets fatiguing; a "
        "narrow cut would help. The bass guitar is a little too loud in the choruses, so I'd pull it down "
        "3 dB or so. The pads are panned a bit narrow; try widening them.\n\n"
        "Finally, the vocal reverb is a touch long for the tempo. A shorter plate would keep the lyrics "
        "intelligible.",
        "bass down moderate 3",
    ),
    (
        "This is a really promising rough mix. The guitars are panned hard left and right, which gives "
        "a huge width, though you might want to bring the rhythm guitar a little toward the center for "
        "mono compatibility.\n\n"
        "Tonally, the kick lacks click; try a boost around 4 kHz. The vocal is a little harsh in the "
        "upper mids, and a dynamic EQ around 3 kHz should tame that without dulling it.\n\n"
        "The room reverb on the drums is lovely. I wouldn't change its character at all, just maybe "
        "automate the reverb return down in the bridge.",
        "refuse",
    ),
    (
        "First impressions: punchy, modern, and a little crowded in the midrange.\n\n"
        "The biggest issue is balance. The keys and the rhythm guitars are both way too loud and they "
        "swallow the vocal in the chorus. I'd pull the keys and guitars down by around 4 dB and push the "
        "lead vocal up 2 dB. Drums and bass are in a good place, don't touch them.\n\n"
        "I'd also consider a bit of sidechain from the vocal to the guitar bus, and there's some clipping "
        "on the master at 2:14 that you should check.",
        "drums leave, bass leave, other down moderate 4, vocals up moderate 2",
    ),
    (
        "Thanks for sharing. The song itself is great and the performances are tight.\n\n"
        "My main note is about loudness. The whole mix is quite quiet compared to commercial references, "
        "probably around -18 LUFS integrated. I'd get it mastered, or at least put a limiter on the "
        "master bus and bring it up to around -10.\n\n"
        "Also, the fade-out is a bit abrupt. Consider extending it by a bar or two.",
        "refuse",
    ),
    (
        "I've listened a few times, on monitors and on earbuds.\n\n"
        "On the monitors it's fine, but on earbuds the low end disappears. The bass is barely audible "
        "there, so I'd raise it a good deal, and maybe add a little saturation so the harmonics carry on "
        "small speakers. The kick translates better, so leave the drums as they are.\n\n"
        "The backing vocals in the last chorus are lovely, and the guitar solo tone is great.",
        "drums leave, bass up large",
    ),
    (
        "The production choices are bold, and I respect the lo-fi aesthetic.\n\n"
        "The vocals are louder than the drums for most of the track, and the bass sits under the kick. "
        "The piano is recorded with a lot of room sound.\n\n"
        "The vinyl crackle layer is a nice touch, though it could be automated so it doesn't compete "
        "with the intro.",
        "refuse",
    ),
    (
        "Overall the mix is clean and the stereo image is nice.\n\n"
        "Level-wise, I'd bring the drums down about 2 dB. Actually, scratch that, the drums are fine; "
        "it's the guitars that are too loud. Pull them down 2 dB instead.\n\n"
        "The vocal compression is a bit heavy; you can hear it pumping on the long notes. Try a slower "
        "attack.",
        "drums leave, other down moderate 2",
    ),
    (
        "Great energy on this track.\n\n"
        "A couple of thoughts on the arrangement: the second chorus could use an extra layer, maybe a "
        "tambourine or a shaker, to lift it above the first. The bridge feels a bit long.\n\n"
        "Mix-wise, the vocals need to come up. They're almost drowning under the synths in the chorus, "
        "so push them up by something like 5-6 dB there. Everything else is fine.\n\n"
        "Lastly, the stereo delay on the guitar is a bit distracting in the verse.",
        "drums leave, bass leave, other leave, vocals up moderate 5.5",
    ),
    (
        "This is close. The tones are all good and the arrangement is clear.\n\n"
        "I would suggest small level moves only: the hi-hats and overheads could come down a touch, the "
        "bass could come up a touch, and the vocal is perfect where it is. The guitars I'd leave alone "
        "too.\n\n"
        "For the master, a gentle glue compressor on the mix bus would help the sections gel.",
        "drums down moderate, bass up moderate, other leave, vocals leave",
    ),
    (
        "First, the good: the vocal performance is outstanding and the drum sound is huge.\n\n"
        "Now the balance. The strings in the bridge are overwhelming; take them down by about 6 dB so "
        "the vocal can breathe.\n\n"
        "Finally, there's a bit of mud around 250 Hz on the mix bus; a gentle cut would help everything "
        "breathe.",
        "other down moderate 6",
    ),
    (
        "I really like the vibe of this. The drums have that vintage dry sound and the guitars are "
        "lush.\n\n"
        "I'm wondering whether the bass is a little low? It could just be my headphones, which are "
        "pretty bass-light, so take it with a grain of salt.\n\n"
        "The vocal delay throws are great, especially on the pre-chorus.",
        "refuse",
    ),
    (
        "Hi! Thanks for the mix.\n\n"
        "The intro sounds great. When the full band comes in, though, everything except the vocal jumps "
        "up too much. I'd bring the drums, bass and guitars down by a dB or two so the vocal stays on "
        "top.\n\n"
        "Also, the reverb on the snare is a bit too splashy; try a shorter decay.",
        "drums down moderate 1.5, bass down moderate 1.5, other down moderate 1.5",
    ),
    (
        "The arrangement is dense, with a lot going on: two guitars, organ, piano and a string section."
        "\n\n"
        "With so many layers, it's important that the lead vocal has room. Right now it does: the vocal "
        "is fine. Where I'd make a change is the string section, which is much too quiet; it really "
        "needs to come up by 7-8 dB to be felt in the final chorus.\n\n"
        "Panning the organ and piano to opposite sides would also help separate them.",
        "other up large 7.5, vocals leave",
    ),
    (
        "The mix has a nice warm character, and the tape saturation on the bus suits the song.\n\n"
        "My one level note: the kick and snare are a touch too loud, maybe 1 dB. The rest of the "
        "balance is fine.\n\n"
        "I'd also double-check the low end in mono, because the stereo bass chorus partly cancels.",
        "drums down moderate 1, bass leave, other leave, vocals leave",
    ),
    (
        "Overall good, and the groove feels great.\n\n"
        "The guitar and the vocal share a lot of the same frequency range, and in the chorus things get "
        "cluttered. I'd turn it up a little so it cuts through.\n\n"
        "The drum room mic is a lovely touch; maybe bring in a bit more compression on it.",
        "refuse",
    ),
    (
        "Really nice production. The synth arpeggio in the intro is a great hook.\n\n"
        "In the chorus the synth and the vocal are competing. You could either turn the synth down 3 dB "
        "or bring the vocal up 3 dB; either would solve it, so pick whichever feels better to you.\n\n"
        "The snare sample might be a little too bright for the genre.",
        "refuse",
    ),
    (
        "I've gone through this section by section.\n\n"
        "Intro: lovely, the piano tone is gorgeous. Verse: the vocal sits well and the bass is nicely "
        "defined. Chorus: big, wide, and the drums hit hard without being overbearing.\n\n"
        "Honestly, the levels are spot on; I wouldn't change the balance at all. If anything, I'd look at "
        "the stereo width of the backing vocals, which could be a bit wider.",
        "fine",
    ),
    (
        "Solid trap beat and a great vocal performance.\n\n"
        "The hi-hat rolls are nicely programmed, though the hats could use some variation in velocity. "
        "The main problem is the 808: it's drowning the vocal on every downbeat, so pull the 808 down "
        "around 4 dB.\n\n"
        "The ad-libs could be panned wider, and the reverb on the main vocal is a bit washy.",
        "bass down moderate 4",
    ),
    (
        "The track sounds muddy overall. There's a buildup between 200 and 400 Hz on almost every "
        "channel, so I'd cut there on the guitars, the keys and the toms.\n\n"
        "The overall level of the guitars is also too low, so bring them up slightly once the mud is "
        "gone.\n\n"
        "Finally, the vocal could use a touch more compression to even out the verses.",
        "other up moderate",
    ),
    (
        "The arrangement is great and the song has a really strong chorus.\n\n"
        "However, the vocal needs to come way down. Right now it's sitting on top of the band like a "
        "karaoke track, completely detached from the instruments.\n\n"
        "Some shared reverb between vocal and band would also help glue them together, and the snare "
        "could use a bit more body around 200 Hz.",
        "vocals down large",
    ),
    (
        "Good start. The tones are nice and the performance is tight.\n\n"
        "Balance-wise, the drums feel about 30% too loud relative to everything else, especially the "
        "crash cymbals in the choruses.\n\n"
        "I'd also add some slapback delay on the lead guitar to give it more depth.",
        "drums down moderate",
    ),
    (
        "I love the vintage vibe here; the Wurlitzer and the tape delay are perfect for the genre.\n\n"
        "One thing that stands out is the backing vocals: they're about twice as loud as they should be, "
        "and they pull attention away from the lead line.\n\n"
        "The bass could also be a little rounder, maybe try a different amp sim.",
        "vocals down large",
    ),
    (
        "The vocal production is top-notch, very clean and present.\n\n"
        "For the rest, I'd bring up the bass 2 dB, the keys 2 dB and the drums 2 dB, in other words "
        "everything but the vocal, because the track feels thin behind the singer.\n\n"
        "You might also want to widen the keys with a short stereo delay.",
        "drums up moderate 2, bass up moderate 2, other up moderate 2",
    ),
    (
        "The mix is bright and energetic, but the hi-hats are piercing; a de-esser or a dynamic EQ around "
        "8 kHz on the overheads would help.\n\n"
        "In the low end, the sub is a bit loud; pull it down half a dB and see how it feels.\n\n"
        "The stereo image of the guitars is great. I'd keep that.",
        "bass down moderate 0.5",
    ),
    (
        "At 140 bpm, the reverb times need to be short, and right now the snare reverb is blurring the "
        "groove. I'd shorten it to around 0.8 seconds.\n\n"
        "I'd also nudge the vocal down 1 dB and the synth bass up 1 dB; the drums are fine.\n\n"
        "The arrangement could use a breakdown before the last chorus.",
        "drums leave, bass up moderate 1, vocals down moderate 1",
    ),
    (
        "This is a great song with a well-recorded band.\n\n"
        "The bass is louder than the kick, which is unusual for the genre, and the guitars sit a little "
        "behind the keys. The vocal has a nice presence peak around 3 kHz.\n\n"
        "For the master, I'd aim for a bit less limiting; the transients feel squashed.",
        "refuse",
    ),
    (
        "I like the mood, and the piano tone in particular.\n\n"
        "The drums need to come up a lot, especially the toms in the fills; right now the song loses all "
        "its momentum in the bridge.\n\n"
        "I'd also try a little parallel compression on the drum bus and maybe brighten the overheads.",
        "drums up large",
    ),
    (
        "Overall, a clean and professional mix, and the chorus opens up nicely.\n\n"
        "The vocals need to be brought down 3 dB and the bass up 2 dB; the drums and the guitars are "
        "fine.\n\n"
        "Stylistically, a bit of tape saturation on the mix bus could add some warmth.",
        "drums leave, bass up moderate 2, other leave, vocals down moderate 3",
    ),
    (
        "Beautiful arrangement; the way the strings enter in the second verse gives me chills.\n\n"
        "The lead vocal is well recorded, though there's a bit of proximity effect on the low notes, so a "
        "gentle low shelf cut would help. The choir in the last chorus needs to come up a couple of dB; at "
        "the moment it feels like an afterthought.\n\n"
        "I'd also consider a longer hall on the strings for the outro.",
        "vocals up moderate 2",
    ),
    # Voice 8: session player / producer spoken advice, transcribed
    (
        "Um, so, yeah, the vocals, they're, like, a little quiet? Bring 'em up, like, two dB.",
        "vocals up moderate 2",
    ),
    (
        "Okay so the drums, no wait, the bass, the bass is way too loud, you gotta pull it down.",
        "bass down large",
    ),
    ("I'd, uh, I'd bring the guitars down maybe, um, three and a half dB.", "other down moderate 3.5"),
    ("Honestly? It sounds great. Like, I wouldn't touch a thing.", "fine"),
    ("Um, the kick, the kick is kinda, like, it's fighting with the bass down there, you know?", "refuse"),
    ("So like, yeah, the keys, I dunno, maybe up a bit? I'm not sure, don't quote me.", "refuse"),
    ("Vocals up like, uh, six dB. No, no, sorry, four. Four dB.", "vocals up moderate 4"),
    ("Yeah the snare needs to come up. Like a lot. Like, a lot a lot.", "drums up large"),
    (
        "Um, everything except the vocal, take it down, like, a couple dB.",
        "drums down moderate 2, bass down moderate 2, other down moderate 2",
    ),
    ("Can you put more me in my ears? Like, in the in-ears?", "refuse"),
    (
        "So the piano's cool, drums are cool, bass is cool, um, vocal, yeah, vocal's cool too. Leave it.",
        "fine",
    ),
    ("The eight-oh-eight, man, it's gotta come down like, nine dB, it's crazy.", "bass down large 9"),
    ("I think the, uh, the guitars are louder than the vocals right now.", "refuse"),
    ("Guitars are louder than the vocals, so, like, turn the guitars down a bit.", "other down moderate"),
    ("Uh, it's kinda loud. Like, too loud. Turn it down.", "refuse"),
    (
        "Bass up, drums up, uh, both like one and a half dB, and, um, the vocal is fine.",
        "drums up moderate 1.5, bass up moderate 1.5, vocals leave",
    ),
    ("You could either bring the vox up or pull the band down, um, either works.", "refuse"),
    ("Um, strings, uh, the strings need to come up like, a hair. Just a hair.", "other up moderate"),
    ("The backing vocals, the harmonies, they're, like, buried, man. Push 'em up.", "vocals up large"),
    ("Kick up, and, uh, the hi-hat, bring that down, it's too much.", "refuse"),
    (
        "So the drums are fine, bass is fine, um, the synths maybe up two, and vocals down, like, one dB.",
        "drums leave, bass leave, other up moderate 2, vocals down moderate 1",
    ),
    (
        "Yeah so the lead vocal, pull it down about half a dB, that's it, everything else is perfect.",
        "drums leave, bass leave, other leave, vocals down moderate 0.5",
    ),
    ("Drums, like, twice as loud. Seriously.", "drums up large"),
    ("I'd push the organ up, uh, like five to seven dB.", "other up moderate 6"),
    (
        "The bass is just, like, you can't hear it at all on laptop speakers, bring it up.",
        "bass up large",
    ),
    ("Bring the vocals down, wait no, up, up, bring 'em up a touch.", "vocals up moderate"),
    ("Uh so like the cymbals are kinda loud, can you drop the overheads a few dB.", "drums down moderate"),
    ("Okay, the horns, um, take 'em down ten, ten dB, they're way over.", "other down large 10"),
    (
        "Um, the pads, the pads are like, uh, they're way too loud, like, pull them down.",
        "other down large",
    ),
    (
        "So, uh, the lead guitar, I'd bring it up, like, a dB, and, um, the kick, kick down a dB. "
        "That's all.",
        "drums down moderate 1, other up moderate 1",
    ),
)
