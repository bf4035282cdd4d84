"""Held-out corpus 10: free-text gain-balancing advice for a 4-stem mix.

Each entry is (answer text, label). The answer text is what a person or a model wrote about a music mix
made of four stems (drums, bass, other, vocals); the label is the stem-level gain advice a careful
reader takes from it, or "refuse" where a careful reader would not score it.

Voices (one block each, marked by a "# Voice N" comment):
  1. formal revision emails between a client and a mixing engineer ("Dear ...", "Kind regards",
     requests and confirmations of changes made);
  2. audio-language-model answers in many output formats (one-liners, numbered steps,
     "Recommendation:" headers, rationale followed by advice, occasional refusals);
  3. a Discord / Slack producer community thread (@mentions, code blocks, emoji reactions written
     as text like :fire:, quoted messages with ">");
  4. broadcast / podcast / radio engineers on a music bed or a live band recording (remarks about
     LUFS, limiting, true peak or dialogue are not stem levels);
  5. students peer-reviewing each other's mixes against a rubric ("Balance: 3/5 - ...",
     "Strength:", "To improve:");
  6. LLM-as-judge outputs comparing mix A with reference mix B, with scores and a rationale
     (the label is the correction A needs to match B);
  7. English by Hindi, Arabic, Turkish, Dutch and Polish speakers (literal translations, decimal
     commas, unusual word order);
  8. YouTube cover-song and karaoke creators on their own or others' mixes (casual,
     self-deprecating, hashtags).

Label grammar:
  A label is either the single word "fine", the single word "refuse", or comma-separated entries
  "<stem> <up|down> <moderate|large> [<dB>]" or "<stem> leave", with <stem> one of drums, bass,
  other, vocals. Entries are ordered drums, bass, other, vocals; a stem appears at most once.
Conventions:
  * A stated dB value decides the magnitude (<= 6 moderate, > 6 large) and is written unsigned.
    Ranges use the midpoint ("2-3 dB" -> 2.5, "5 or 6 dB" -> 5.5, "a dB or two" -> 1.5,
    "a couple of dB" -> 2, "half a dB" -> 0.5, "a dB" -> 1); "a few dB" -> moderate with no number;
    percentages and fractions ("20% louder", "half as loud") -> no number, and "half as loud" /
    "twice as loud" are large. A signed bare number in a gain list ("+2", "-1.5") is read as dB.
  * Without a number, intensifiers (way, much, a lot, very, far too, buried, drowning, barely
    audible, can't hear, significantly, substantially, ...) give "large"; otherwise "moderate".
  * Instruments map to stems: kick, snare, hats, toms, cymbals, overheads, clap, percussion
    (cajon, tambourine, shaker) -> drums; bass guitar, synth bass, sub, 808, low end -> bass;
    lead vocal, backing vocals, BVs, singer, voice, vox, choir, harmonies, guide vocal, rap ->
    vocals; everything else (guitars incl. lead guitar, keys, piano, synths, pads, strings, horns,
    organ, oud, baglama, ukulele) -> other. Same-direction moves on parts of one stem give one
    entry; opposite moves inside one stem -> "refuse".
  * "leave" only comes from an explicit "X is fine / X sits well / don't touch X / X: no change /
    X: 0 dB / X matches the reference / the rest is fine" (the rest = every stem not otherwise
    moved). All four stems fine -> "fine".
  * Groups: "the band / the instrumental / the music / the backing track / the accompaniment /
    everything but the vocal" = drums, bass, other; "everything except X" = the other three stems.
    A change to all four stems at once (whole-mix loudness, the whole music bed under dialogue)
    -> "refuse".
  * A comparison with a clear action moves the stem said to be wrong ("the vocals are louder than
    the drums, bring them down" -> vocals down); a bare comparison between two stems with no action
    -> "refuse". "X is too loud / too quiet / buried" are moves on X.
  * "refuse" for: masking without an action, alternatives ("either X or Y", "lower X or raise Y"),
    genuine questions, hedges that withdraw the advice, tone / EQ / reverb / panning / compression
    only remarks, whole-mix loudness / limiting / mastering / dialogue remarks, unresolvable
    pronouns, answers that decline to judge. A polite request ("Could you please bring the vocal
    up?") is advice, not a question. A hedge that keeps the advice ("maybe -2 dB") keeps it.
  * Self-corrections: only the corrected advice counts. A reply that quotes another message (">")
    is labelled by what the reply itself says; a quoted question it answers resolves its pronouns.
  * Mix A vs reference B (voice 6): the label is what A needs, e.g. "A's vocals are 4 dB quieter
    than B's" -> "vocals up moderate 4"; "B's drums are louder than A's" -> "drums up moderate".

Written blind, never tuned on: the author never opened the parser nor any earlier corpus.
"""

HELDOUT10: tuple[tuple[str, str], ...] = (
    # Voice 1: formal revision emails between a client and a mixing engineer
    (
        "Dear Marco,\n\nThank you for the second revision. Could you please bring the lead vocal up by "
        "about 2 dB? Everything else sounds great to us.\n\nKind regards,\nHelen",
        "drums leave, bass leave, other leave, vocals up moderate 2",
    ),
    (
        "Dear Helen,\n\nConfirming the changes for v3: kick and snare down 1.5 dB, bass untouched, "
        "guitars up 2 dB.\n\nBest regards,\nMarco",
        "drums down moderate 1.5, bass leave, other up moderate 2",
    ),
    (
        "Dear Ms. Novak,\n\nThe band asked me to pass on one note: the vocals are buried under the "
        "guitars in the chorus. Could they come up significantly?\n\nKind regards,\nTom",
        "vocals up large",
    ),
    (
        "Dear Marco,\n\nWe listened on several systems and the mix is approved as is. No further level "
        "changes are needed.\n\nMany thanks,\nHelen",
        "fine",
    ),
    (
        "Dear Tom,\n\nI am not sure whether the drums or the bass is the issue, but the low end feels "
        "heavy to me. Could you have a look?\n\nRegards,\nAnna",
        "refuse",
    ),
    (
        "Dear Anna,\n\nAs requested, I have lowered the piano and strings by 3 dB and raised the backing "
        "vocals slightly. Please let me know if this works for you.\n\nBest,\nTom",
        "other down moderate 3, vocals up moderate",
    ),
    (
        "Dear Mr. Alvarez,\n\nPlease find our notes on mix 2 below.\n1) Vocals: down 1 dB.\n"
        "2) Bass: up 2-3 dB.\n3) Drums: fine as they are.\n\nKind regards,\nJulia",
        "drums leave, bass up moderate 2.5, vocals down moderate 1",
    ),
    (
        "Dear Julia,\n\nThank you for the notes. One correction to my previous email: the synth pad "
        "should go down 4 dB, not up.\n\nBest regards,\nCarlos",
        "other down moderate 4",
    ),
    (
        "Dear Carlos,\n\nThe overall mix is too quiet compared to the other tracks on the album. Could "
        "you raise the whole thing by about 2 dB?\n\nKind regards,\nJulia",
        "refuse",
    ),
    (
        "Dear Sam,\n\nThe kick is far too loud in the bridge; it is overpowering everything. Please pull "
        "it down considerably.\n\nKind regards,\nPriya",
        "drums down large",
    ),
    (
        "Dear Priya,\n\nNoted. I will reduce the 808 by 6 dB and leave the vocal where it is.\n\n"
        "Best,\nSam",
        "bass down moderate 6, vocals leave",
    ),
    (
        "Dear Sam,\n\nCould you make the reverb on the vocal a little shorter and brighten the guitars "
        "slightly?\n\nRegards,\nPriya",
        "refuse",
    ),
    (
        "Dear Mr. Okafor,\n\nFollowing our call, the agreed changes are: bass guitar +1.5 dB, lead "
        "guitar -2 dB, lead vocal +1 dB. Drums stay as they are.\n\nYours sincerely,\nLena Fischer",
        "drums leave, bass up moderate 1.5, other down moderate 2, vocals up moderate 1",
    ),
    (
        "Dear Lena,\n\nConfirmed. One question before I print: do you want the harmonies louder as "
        "well, or should they stay under the lead?\n\nBest,\nDaniel",
        "refuse",
    ),
    (
        "Dear Daniel,\n\nApologies for the back and forth. Please disregard my earlier note about the "
        "drums. We would just like the vocal up by half a dB.\n\nKind regards,\nLena",
        "vocals up moderate 0.5",
    ),
    (
        "Dear Marco,\n\nThe strings are barely audible in the outro. Could you bring them up?\n\n"
        "Thank you,\nHelen",
        "other up large",
    ),
    (
        "Dear Helen,\n\nUnderstood. I have brought the strings up in the outro and also nudged the "
        "hi-hats down a touch, as they were getting harsh.\n\nKind regards,\nMarco",
        "drums down moderate, other up moderate",
    ),
    (
        "Dear team,\n\nThe mix sounds too dark overall. Could you add some top end on the master?\n\n"
        "Best regards,\nRavi",
        "refuse",
    ),
    (
        "Dear Ravi,\n\nThank you for mix 4. The balance is almost there, but the vocal still sits about "
        "3 dB too low against the band.\n\nRegards,\nMei",
        "vocals up moderate 3",
    ),
    (
        "Dear Mei,\n\nThe band feels a little too loud against the vocal. I suggest lowering the music "
        "by 2 dB; the vocal can stay where it is.\n\nBest,\nRavi",
        "drums down moderate 2, bass down moderate 2, other down moderate 2, vocals leave",
    ),
    (
        "Dear Mr. Brandt,\n\nI'm afraid the kick and the bass are fighting each other.\n\n"
        "Kind regards,\nSophie",
        "refuse",
    ),
    (
        "Dear Sophie,\n\nTo address the low-end conflict, I'll drop the bass by 2 dB and keep the kick "
        "exactly where it is.\n\nBest,\nJonas Brandt",
        "drums leave, bass down moderate 2",
    ),
    (
        "Dear Jonas,\n\nThe piano is too loud in verse two, please lower it by 2 dB. Also, the backing "
        "vocals could be a touch louder. Everything else is perfect.\n\nWarm regards,\nSophie",
        "drums leave, bass leave, other down moderate 2, vocals up moderate",
    ),
    (
        "Dear Carlos,\n\nThank you. We compared v5 and v6 and prefer v5. Could you revert to those "
        "levels?\n\nRegards,\nJulia",
        "refuse",
    ),
    (
        "Dear Julia,\n\nPer your request, I have raised the lead vocal and the backing vocals by 2 dB. "
        "The new bounce is in the shared folder.\n\nBest regards,\nCarlos",
        "vocals up moderate 2",
    ),
    (
        "Dear Tom,\n\nThe snare is way too quiet; it gets lost completely in the chorus. Please raise "
        "it by 5 or 6 dB.\n\nBest,\nAnna",
        "drums up moderate 5.5",
    ),
    (
        "Dear Anna,\n\nI have lowered the synths by 8 dB in the bridge, as discussed.\n\n"
        "Best regards,\nTom",
        "other down large 8",
    ),
    (
        "Dear Sir or Madam,\n\nThe vocal is too loud. Actually, on a second listen, it is the guitars "
        "that are too quiet. Please bring the guitars up a little.\n\nRegards,\nK. Ito",
        "other up moderate",
    ),
    (
        "Dear Ms. Ito,\n\nCould you confirm whether you want the drums louder or the bass quieter? "
        "I can do either.\n\nBest,\nRaj",
        "refuse",
    ),
    (
        "Dear Raj,\n\nNeither - leave the drums and the bass alone, and please just turn the organ "
        "down by a couple of dB.\n\nThank you,\nKeiko Ito",
        "drums leave, bass leave, other down moderate 2",
    ),
    (
        "Dear Keiko,\n\nThank you. The organ is now 2 dB lower, and I took the liberty of lifting the "
        "kick by a dB as well.\n\nKind regards,\nRaj",
        "drums up moderate 1, other down moderate 2",
    ),
    # Voice 2: audio-language-model answers in many output formats
    (
        "Answer: vocals +3 dB",
        "vocals up moderate 3",
    ),
    (
        "Answer: drums -2 dB, bass +1 dB",
        "drums down moderate 2, bass up moderate 1",
    ),
    (
        "Recommendation:\n- Vocals: increase by 4 dB\n- Other: decrease by 2 dB\n- Drums and bass: "
        "no change",
        "drums leave, bass leave, other down moderate 2, vocals up moderate 4",
    ),
    (
        "The vocals are masked by the dense guitar arrangement, which reduces intelligibility. "
        "Recommendation: raise the vocals by approximately 2 dB.",
        "vocals up moderate 2",
    ),
    (
        "I cannot determine the relative levels of the stems from the provided audio.",
        "refuse",
    ),
    (
        "1. Lower the drums by 3 dB.\n2. Raise the bass by 1.5 dB.\n3. Leave the vocals unchanged.",
        "drums down moderate 3, bass up moderate 1.5, vocals leave",
    ),
    (
        "The mix is well balanced. No gain changes are needed.",
        "fine",
    ),
    (
        "Answer: The bass is significantly louder than the other stems. Reduce the bass by about 7 dB.",
        "bass down large 7",
    ),
    (
        "Based on the spectrogram, the mix appears slightly bass-heavy. However, this may be due to "
        "genre conventions, so no change may be necessary.",
        "refuse",
    ),
    (
        "Rationale: The drums overpower the bass in the low-mid range, making the groove feel "
        "unbalanced.\nAdvice: bring the drums down by 2 dB.",
        "drums down moderate 2",
    ),
    (
        "Recommendation: other -1 dB, vocals +1 dB. Drums and bass are fine.",
        "drums leave, bass leave, other down moderate 1, vocals up moderate 1",
    ),
    (
        "Answer: vocals up",
        "vocals up moderate",
    ),
    (
        "The stems are: drums, bass, other, vocals. The vocals could be increased, or alternatively the "
        "other stem could be reduced.",
        "refuse",
    ),
    (
        "To improve the balance:\n1. Increase the vocals by 6 dB.\n2. Decrease the other stem by "
        "6.5 dB.",
        "other down large 6.5, vocals up moderate 6",
    ),
    (
        "Answer: All stems are at appropriate levels.",
        "fine",
    ),
    (
        "The mix would benefit from more high-frequency content in the vocals and less reverb on the "
        "drums.",
        "refuse",
    ),
    (
        "The bass is barely audible. Recommendation: increase the bass level substantially.",
        "bass up large",
    ),
    (
        "Answer: drums +2 dB, bass 0 dB, other -3 dB, vocals +1 dB",
        "drums up moderate 2, bass leave, other down moderate 3, vocals up moderate 1",
    ),
    (
        "I'm sorry, but I can't listen to audio files. Could you describe the mix in more detail?",
        "refuse",
    ),
    (
        "Answer: Lower the accompaniment (drums, bass and other) by 3 dB relative to the vocals.",
        "drums down moderate 3, bass down moderate 3, other down moderate 3",
    ),
    (
        "The kick drum and snare are too quiet relative to the rest of the mix. Suggested adjustment: "
        "+4 dB on drums.",
        "drums up moderate 4",
    ),
    (
        "Recommendation: Increase the overall loudness by 3 dB to reach -14 LUFS integrated.",
        "refuse",
    ),
    (
        "The vocals are louder than the drums.",
        "refuse",
    ),
    (
        "Answer: vocals -10 dB",
        "vocals down large 10",
    ),
    (
        "Step 1: Reduce the guitars and keyboards by about 2 dB.\nStep 2: Bring the lead vocal up by 1 "
        "to 2 dB.\nStep 3: Check the balance again.",
        "other down moderate 2, vocals up moderate 1.5",
    ),
    (
        "The bass seems slightly too loud. Wait, re-analyzing: the bass is appropriately balanced; it "
        "is the drums that are too loud, by roughly 3 dB.",
        "drums down moderate 3, bass leave",
    ),
    (
        "Recommendation: The backing vocals are slightly too prominent. Lower the vocals stem by 1 dB; "
        "the drums, bass and other stems are well balanced.",
        "drums leave, bass leave, other leave, vocals down moderate 1",
    ),
    (
        "Recommendation:\nDrums: -1.5 dB\nBass: -1.5 dB\nOther: -1.5 dB\nVocals: -1.5 dB",
        "refuse",
    ),
    (
        "The synth bass dominates the low end and masks the kick. Reduce the bass by 2-4 dB.",
        "bass down moderate 3",
    ),
    (
        "Answer: increase the vocals a lot, they are drowned by the instruments.",
        "vocals up large",
    ),
    (
        "The piano is a bit loud relative to the vocal. Suggestion: lower the piano by 1 dB.",
        "other down moderate 1",
    ),
    # Voice 3: Discord / Slack producer community thread
    (
        "@jaydn bass is way too loud bro, pull it down like 3db",
        "bass down moderate 3",
    ),
    (
        "> bass is way too loud bro\nnah bass is fine, it's the kick that's too hot :fire:",
        "drums down moderate, bass leave",
    ),
    (
        "vocals need like +2db and the synths -1, rest is good :ok_hand:",
        "drums leave, bass leave, other down moderate 1, vocals up moderate 2",
    ),
    (
        "```\ndrums: -2dB\nbass: +1dB\nother: 0\nvocals: +3dB\n```",
        "drums down moderate 2, bass up moderate 1, other leave, vocals up moderate 3",
    ),
    (
        "honestly can't hear the vocals at all lol",
        "vocals up large",
    ),
    (
        "idk man is the 808 too loud or is it just my headphones? :thinking:",
        "refuse",
    ),
    (
        "mix slaps :fire: :fire: wouldn't change a thing",
        "fine",
    ),
    (
        "@kira the hats are super piercing, maybe low pass them a bit",
        "refuse",
    ),
    (
        "turn the pads down a lot, they're eating the whole mix",
        "other down large",
    ),
    (
        "either drop the guitars or bump the vox, one of the two",
        "refuse",
    ),
    (
        "> should i turn up the snare?\nyeah +2 or so",
        "drums up moderate 2",
    ),
    (
        "it's too loud lol",
        "refuse",
    ),
    (
        "vocals sit nicely, drums too, bass a tiny bit loud imo, like 1db",
        "drums leave, bass down moderate 1, vocals leave",
    ),
    (
        "everything except the vocals needs to come down ~2dB",
        "drums down moderate 2, bass down moderate 2, other down moderate 2",
    ),
    (
        "bro the kick is BURIED :skull: crank it",
        "drums up large",
    ),
    (
        "@producer_x you mastered it to -8 LUFS, way too squashed, back off the limiter",
        "refuse",
    ),
    (
        "sub is drowning the whole thing, cut it by 10",
        "bass down large 10",
    ),
    (
        "guitars and keys up 2db each :+1:",
        "other up moderate 2",
    ),
    (
        "vocals and lead guitar are about the same level rn",
        "refuse",
    ),
    (
        "bass needs to come up, wait no, bass is fine, it's the kick that needs to come up",
        "drums up moderate, bass leave",
    ),
    (
        "lower the drums a tad and the bass a tad more",
        "drums down moderate, bass down moderate",
    ),
    (
        "ngl the vocals are not too loud at all, bump them up a hair",
        "vocals up moderate",
    ),
    (
        ":100: agree with @sam, band is too loud vs the vocal, pull the band down 3",
        "drums down moderate 3, bass down moderate 3, other down moderate 3",
    ),
    (
        "snare -2, clap -2, that's all i'd do :ok_hand:",
        "drums down moderate 2",
    ),
    (
        "synth lead a bit hot, try -1.5. rest is perfect :chefkiss:",
        "drums leave, bass leave, other down moderate 1.5, vocals leave",
    ),
    (
        "```\nkick +1\nsnare +1\nbass -2\n```\nthat's it",
        "drums up moderate 1, bass down moderate 2",
    ),
    (
        "@mia can u bring the harmonies down? they're kinda stepping on the lead",
        "vocals down moderate",
    ),
    (
        "should the bass be louder? i genuinely can't tell on my monitors",
        "refuse",
    ),
    (
        "drums up 2-3db, they're kinda weak in the drop",
        "drums up moderate 2.5",
    ),
    (
        "lead vox up, BVs down",
        "refuse",
    ),
    (
        "@dev the strings in the bridge r way too quiet fr, like +7db",
        "other up large 7",
    ),
    # Voice 4: broadcast / podcast / radio engineers on a music bed or a live band recording
    (
        "Music bed is competing with the host's dialogue. I'd duck the whole bed by 6 dB under speech.",
        "refuse",
    ),
    (
        "On the live band recording the vocal mic is too low in the broadcast feed; bring it up 3 dB.",
        "vocals up moderate 3",
    ),
    (
        "Integrated loudness is -19 LUFS and we need -16 for the podcast spec. Raise the output gain "
        "3 dB.",
        "refuse",
    ),
    (
        "For the radio edit, the kick is pumping the limiter. Pull the drums back about 2 dB before "
        "the bus.",
        "drums down moderate 2",
    ),
    (
        "In the bed, the guitars are fine but the bass booms on small speakers. Take the bass down "
        "4 dB.",
        "bass down moderate 4, other leave",
    ),
    (
        "True peak is hitting -0.5 dBTP; put a limiter on the master with a -1 ceiling.",
        "refuse",
    ),
    (
        "The live recording's backing vocals are way too hot compared to the lead; they need to come "
        "down a lot.",
        "vocals down large",
    ),
    (
        "Band sounds good on air. Levels are fine across the board.",
        "fine",
    ),
    (
        "Horns are almost inaudible on the FM chain; I'd push them at least 6 dB.",
        "other up moderate 6",
    ),
    (
        "The overheads are too loud in the broadcast mix, and the bass is slightly under. Overheads -3, "
        "bass +2.",
        "drums down moderate 3, bass up moderate 2",
    ),
    (
        "Before anything else, the dialogue needs to sit 10 dB above the music.",
        "refuse",
    ),
    (
        "I'd ride the vocal up maybe a dB or two in the bridge where the singer drops off.",
        "vocals up moderate 1.5",
    ),
    (
        "Compression on the bass DI is too heavy; it's flattening the performance.",
        "refuse",
    ),
    (
        "The keys are masking the vocal in the second verse.",
        "refuse",
    ),
    (
        "For the station ID bed: pull everything except the vocals down by 4 dB so the VO has room.",
        "drums down moderate 4, bass down moderate 4, other down moderate 4",
    ),
    (
        "Snare cracks through too much on the live feed. Trim the snare 2 dB, leave the rest of the kit "
        "alone.",
        "drums down moderate 2",
    ),
    (
        "Bass is basically gone on the stream. Needs +8 dB at least.",
        "bass up large 8",
    ),
    (
        "Guitar amp mics are fine, drum mics are fine, bass DI fine. The vocal is 2 dB shy.",
        "drums leave, bass leave, other leave, vocals up moderate 2",
    ),
    (
        "Podcast intro music: the whole track is 3 dB too hot against the host, bring it down.",
        "refuse",
    ),
    (
        "The lead vocal sits too far forward for a music bed; drop it by 5 dB so it doesn't fight the "
        "host.",
        "vocals down moderate 5",
    ),
    (
        "Strings are a touch loud in the outro; I'd shave a dB off them.",
        "other down moderate 1",
    ),
    (
        "Cymbals are washing out the whole broadcast mix; I'd bring them way down.",
        "drums down large",
    ),
    (
        "Not sure if it's PA bleed or the actual keyboard level, but the keys seem loud. I'd wait for "
        "the multitrack before changing anything.",
        "refuse",
    ),
    (
        "The choir is too quiet in the live recording, raise it about 20 percent.",
        "vocals up moderate",
    ),
    (
        "Everything's sitting right in the music bed. Don't touch the stem levels.",
        "fine",
    ),
    (
        "For radio I'd bring the bass down 2 dB and the kick down 1 dB; small speakers can't handle "
        "that much low end.",
        "drums down moderate 1, bass down moderate 2",
    ),
    (
        "Live mix: the guitars are too loud - no wait, it's the keys. Keys down 3.",
        "other down moderate 3",
    ),
    (
        "The bass amp is swamping the room mics on the live recording; I'd drop the bass stem 3 dB.",
        "bass down moderate 3",
    ),
    (
        "Drums and bass are solid. The music bed just needs the synths tucked back about 3 dB, with the "
        "vocal left as is.",
        "drums leave, bass leave, other down moderate 3, vocals leave",
    ),
    (
        "Dialogue intelligibility is poor; I'd high-pass the music bed and sidechain it to the mic.",
        "refuse",
    ),
    # Voice 5: students peer-reviewing each other's mixes against a rubric
    (
        "Balance: 3/5 - the bass is too loud and muddies the kick. To improve: lower the bass by about "
        "3 dB.",
        "bass down moderate 3",
    ),
    (
        "Strength: vocals sit really well. To improve: the drums are a bit quiet, maybe +2 dB.",
        "drums up moderate 2, vocals leave",
    ),
    (
        "Balance: 5/5 - nothing to change, everything is at the right level.",
        "fine",
    ),
    (
        "Balance: 2/5 - I could barely hear the vocals over the guitars. To improve: raise the vocals "
        "a lot.",
        "vocals up large",
    ),
    (
        "Strength: nice stereo image. To improve: the reverb on the snare is too long.",
        "refuse",
    ),
    (
        "Balance: 4/5. The piano is slightly loud in the chorus; pull it down 1-2 dB. Drums and bass "
        "are great.",
        "drums leave, bass leave, other down moderate 1.5",
    ),
    (
        "Balance: 3/5 - the kick and bass are masking each other.",
        "refuse",
    ),
    (
        "To improve: I think the vocals are too loud, but it might be my headphones, so ignore this if "
        "it sounds fine to you.",
        "refuse",
    ),
    (
        "Balance: 1/5 - the synths are drowning everything. Turn them down at least 10 dB.",
        "other down large 10",
    ),
    (
        "Strength: great arrangement. To improve: bring up the bass a little and bring down the backing "
        "vocals a little.",
        "bass up moderate, vocals down moderate",
    ),
    (
        "Balance: 3/5. To improve: the vocals should go up 2 dB or the band should go down 2 dB.",
        "refuse",
    ),
    (
        "Balance: 4/5 - the guitars are a tiny bit loud. Strength: the vocals and drums are balanced "
        "perfectly.",
        "drums leave, other down moderate, vocals leave",
    ),
    (
        "To improve: the hi-hats are way too loud, and the snare is also too loud. Bring the drums down "
        "4 dB.",
        "drums down moderate 4",
    ),
    (
        "Balance: 2/5 - the bass is hardly there. +5 dB on the bass would fix it.",
        "bass up moderate 5",
    ),
    (
        "Rubric item 'Balance': the mix is too quiet overall compared to the reference. Needs more gain "
        "on the master.",
        "refuse",
    ),
    (
        "Strength: the lead vocal is clear. To improve: the harmonies are too low, raise them 3 dB.",
        "vocals up moderate 3",
    ),
    (
        "Balance: 3/5. Is the bass meant to be that loud? Maybe it's a genre thing.",
        "refuse",
    ),
    (
        "To improve: turn the drums down 2 dB and the guitars up 2 dB. Vocals are fine.",
        "drums down moderate 2, other up moderate 2, vocals leave",
    ),
    (
        "Balance: 4/5 - really good, but the organ could come down a few dB.",
        "other down moderate",
    ),
    (
        "Balance: 3/5. The vocals are quieter than the bass.",
        "refuse",
    ),
    (
        "Balance: 3/5. The vocals are quieter than the bass, so the vocals need to come up.",
        "vocals up moderate",
    ),
    (
        "To improve: everything but the vocal is too loud - lower the instrumental by 2.5 dB.",
        "drums down moderate 2.5, bass down moderate 2.5, other down moderate 2.5",
    ),
    (
        "Strength: good use of panning. To improve: the strings are way too quiet, I could hardly hear "
        "them.",
        "other up large",
    ),
    (
        "Balance: 2/5 - the 808 is massively overpowering, it needs to be cut by 9 dB, and the vocals "
        "need about 2 dB more.",
        "bass down large 9, vocals up moderate 2",
    ),
    (
        "To improve: the toms in the fill are too loud, bring them down slightly. Rest of the mix is "
        "fine.",
        "drums down moderate, bass leave, other leave, vocals leave",
    ),
    (
        "Balance: 4/5. Not sure about the bass level - could go either way honestly.",
        "refuse",
    ),
    (
        "Balance: 3/5 - the vocals are too loud. Sorry, I meant too quiet! Raise them about 3 dB.",
        "vocals up moderate 3",
    ),
    (
        "To improve: make the drums twice as loud, they have no energy at the moment.",
        "drums up large",
    ),
    (
        "Balance: 3/5. The rhythm guitar is not too loud, it's the lead guitar that's too loud.",
        "other down moderate",
    ),
    (
        "Strength: vocals are great. Weakness: the kick is buried in the chorus.",
        "drums up large, vocals leave",
    ),
    # Voice 6: LLM-as-judge outputs comparing mix A with reference mix B
    (
        "Score: 6/10. Rationale: Mix A's vocals are about 4 dB quieter than in reference B. The other "
        "stems match closely.",
        "drums leave, bass leave, other leave, vocals up moderate 4",
    ),
    (
        "Mix A: 7/10, Mix B (reference): 9/10. B's drums are louder than A's.",
        "drums up moderate",
    ),
    (
        "Score A: 8/10. A's bass is 3 dB louder than in B; the rest is comparable.",
        "drums leave, bass down moderate 3, other leave, vocals leave",
    ),
    (
        "Rating: 9/10. Mix A is practically identical in balance to reference B.",
        "fine",
    ),
    (
        "Score: 5/10. A sounds muddier than B, likely due to EQ differences in the low mids rather than "
        "levels.",
        "refuse",
    ),
    (
        "Comparison: A has much louder guitars than B, and A's vocals are slightly lower. A needs the "
        "guitars down and the vocals up.",
        "other down large, vocals up moderate",
    ),
    (
        "Score: 4/10. In B the vocal sits clearly on top, while in A it is buried under the "
        "instruments.",
        "vocals up large",
    ),
    (
        "Score: 6/10. A's kick is 2 dB hotter than B's, and A's snare is 2 dB hotter too.",
        "drums down moderate 2",
    ),
    (
        "Judgement: A and B differ mainly in overall loudness; A is 3 dB louder across the board.",
        "refuse",
    ),
    (
        "Score: 7/10. B's bass is quieter than A's by roughly 1.5 dB. Everything else lines up.",
        "drums leave, bass down moderate 1.5, other leave, vocals leave",
    ),
    (
        "Score: 5/10. The synths in A are less prominent than in B.",
        "other up moderate",
    ),
    (
        "Score: 3/10. A's drums are 8 dB quieter than B's, and A's bass is 2 dB louder than B's.",
        "drums up large 8, bass down moderate 2",
    ),
    (
        "Verdict: cannot compare; reference B appears to be a different song.",
        "refuse",
    ),
    (
        "Score: 8/10. A is close to B. The only noticeable difference: A's backing vocals are a bit "
        "louder than B's.",
        "vocals down moderate",
    ),
    (
        "Score: 6/10. Either A's vocals are too loud or B's instrumental is louder; it is hard to tell "
        "which stem drives the difference.",
        "refuse",
    ),
    (
        "Score: 5/10. To match B, A should lower the drums by 2-3 dB and raise the other stem by 1 dB.",
        "drums down moderate 2.5, other up moderate 1",
    ),
    (
        "Score: 7/10. In A the vocals are louder than the drums.",
        "refuse",
    ),
    (
        "Score: 2/10. Compared to B, A's vocal is barely audible and A's bass is far too loud.",
        "bass down large, vocals up large",
    ),
    (
        "Score: 9/10. The balance matches the reference; no stem needs adjusting.",
        "fine",
    ),
    (
        "Score: 6/10. B's lead vocal is 5 dB louder than A's, while A's guitars are 3 dB louder than "
        "B's.",
        "other down moderate 3, vocals up moderate 5",
    ),
    (
        "Score: 7/10. The bass in A is twice as loud as in B.",
        "bass down large",
    ),
    (
        "Score: 5/10. Rationale: B has more reverb on the vocal and a wider stereo image.",
        "refuse",
    ),
    (
        "Score A vs B: 6/10. A's drums are quieter than B's. A's bass is quieter than B's. A's vocals "
        "match.",
        "drums up moderate, bass up moderate, vocals leave",
    ),
    (
        "Score: 4/10. A's instrumental is about 6 dB louder than B's, relative to the vocal.",
        "drums down moderate 6, bass down moderate 6, other down moderate 6",
    ),
    (
        "Score: 8/10. A's vocals are slightly hotter than B's - no, after level matching they are "
        "identical; it is A's hi-hats that are louder.",
        "drums down moderate, vocals leave",
    ),
    (
        "Score: 6/10. A's strings are quieter than B's strings by about 20%.",
        "other up moderate",
    ),
    (
        "Score: 5/10. I am unable to assess the stem balance because mix A is heavily clipped.",
        "refuse",
    ),
    (
        "Score: 7/10. Relative to B, A needs: drums -1 dB, bass +1 dB, other 0 dB, vocals +2 dB.",
        "drums down moderate 1, bass up moderate 1, other leave, vocals up moderate 2",
    ),
    (
        "Score: 3/10. In A the bass is drowning out everything; in B it is balanced. A's bass should "
        "come down a lot.",
        "bass down large",
    ),
    (
        "Score: 6/10. B's keys are louder than A's, and B's sub is lower than A's.",
        "bass down moderate, other up moderate",
    ),
    # Voice 7: English by Hindi, Arabic, Turkish, Dutch and Polish speakers
    (
        "Vocals are little bit less, please increase by 2,5 dB only.",
        "vocals up moderate 2.5",
    ),
    (
        "Sir, drums are too much loud, kindly reduce them 3-4 dB.",
        "drums down moderate 3.5",
    ),
    (
        "Bass is coming very less, do one thing, increase the bass.",
        "bass up large",
    ),
    (
        "Everything is perfect only, no need to change anything.",
        "fine",
    ),
    (
        "Guitar is overlapping with vocal, please check once.",
        "refuse",
    ),
    (
        "Kindly do the needful: reduce keyboard 1,5 dB and increase singer voice 1 dB. Drums and bass "
        "are ok.",
        "drums leave, bass leave, other down moderate 1.5, vocals up moderate 1",
    ),
    (
        "The voice of the singer is very low, it must be raised much.",
        "vocals up large",
    ),
    (
        "The drums, they are strong too much, lower them please by 5 decibel.",
        "drums down moderate 5",
    ),
    (
        "By God the mix is beautiful, all the levels are correct.",
        "fine",
    ),
    (
        "The oud is loud more than it should, decrease it a little.",
        "other down moderate",
    ),
    (
        "Is it the bass that is high or the kick? I do not know exactly.",
        "refuse",
    ),
    (
        "The percussion is weak, raise it 7 decibel, and the bass leave it as it is.",
        "drums up large 7, bass leave",
    ),
    (
        "Vocal is staying back, you should take it forward 3 dB.",
        "vocals up moderate 3",
    ),
    (
        "Bass is very much, decrease 6,5 dB please.",
        "bass down large 6.5",
    ),
    (
        "Drums volume increase, guitar volume decrease, vocal same stay.",
        "drums up moderate, other down moderate, vocals leave",
    ),
    (
        "The mix is too low in general, all of it must be louder.",
        "refuse",
    ),
    (
        "Synth is not too loud, it is okay. Only the vocal is a bit loud, decrease 1 dB.",
        "other leave, vocals down moderate 1",
    ),
    (
        "Baglama is too much in front, take it back a lot.",
        "other down large",
    ),
    (
        "The bass is a bit too hard, I would turn it softer with 2 dB.",
        "bass down moderate 2",
    ),
    (
        "Vocals can be a bit harder, drums are good so.",
        "drums leave, vocals up moderate",
    ),
    (
        "The guitars are way too soft, they must much harder, say 8 dB.",
        "other up large 8",
    ),
    (
        "I find the hihat a bit too present, but maybe that is just my taste, I don't know if you should "
        "change it.",
        "refuse",
    ),
    (
        "Everything except the vocals a little bit softer, 1,5 dB or so.",
        "drums down moderate 1.5, bass down moderate 1.5, other down moderate 1.5",
    ),
    (
        "The piano is too soft and the vocals too hard. Piano plus 2, vocals minus 2.",
        "other up moderate 2, vocals down moderate 2",
    ),
    (
        "Vocal is too quiet about 3 dB, please to make it louder.",
        "vocals up moderate 3",
    ),
    (
        "Drums are too loud, but bass is good, not touch it.",
        "drums down moderate, bass leave",
    ),
    (
        "The guitars and the keyboards you should make quieter, both by 4,5 dB.",
        "other down moderate 4.5",
    ),
    (
        "I think it is too loud, the thing in the chorus.",
        "refuse",
    ),
    (
        "Bass is hearable very bad, it must be much louder, minimum 10 dB.",
        "bass up large 10",
    ),
    (
        "The choir in the background is too loud a little, and the lead vocal is too quiet a little.",
        "refuse",
    ),
    (
        "Drums, bass, guitars, vocal - all is in proper balance, nothing to correct.",
        "fine",
    ),
    # Voice 8: YouTube cover-song and karaoke creators
    (
        "ok so my vocals are way too quiet in this one lol, should've pushed them like 4dB #cover "
        "#acoustic",
        "vocals up moderate 4",
    ),
    (
        "karaoke version is up! I turned the backing track down 3dB so you can actually hear yourself "
        "sing #karaoke",
        "drums down moderate 3, bass down moderate 3, other down moderate 3",
    ),
    (
        "Love this cover!! Only thing, the guitar is kinda drowning your voice :( turn it down next time",
        "other down large",
    ),
    (
        "I know, I know, the mix is bad. I'm terrible at this. Drums too loud, me too quiet. #fail",
        "drums down moderate, vocals up moderate",
    ),
    (
        "Sounds amazing, don't change a thing!! <3",
        "fine",
    ),
    (
        "for the karaoke version leave the drums alone and just drop the lead guitar a few dB so people "
        "can sing over it",
        "drums leave, other down moderate",
    ),
    (
        "your bass is way too loud, my phone speaker is rattling lmao",
        "bass down large",
    ),
    (
        "Is it just me or is the piano louder than the vocals??",
        "refuse",
    ),
    (
        "the reverb on your voice is gorgeous omg",
        "refuse",
    ),
    (
        "Update: remixed it, vocals up 2dB, guitar down 1dB, thanks for the feedback everyone! "
        "#coversong",
        "other down moderate 1, vocals up moderate 2",
    ),
    (
        "my mixing skills are trash lol but i think the drums need to be louder? idk",
        "refuse",
    ),
    (
        "You sing great but the backing track is way louder than you. Bring the music down a lot.",
        "drums down large, bass down large, other down large",
    ),
    (
        "Bass and drums are perfect, the synth is a little too loud though.",
        "drums leave, bass leave, other down moderate",
    ),
    (
        "Just needs more volume overall, I had to max out my speakers #cover",
        "refuse",
    ),
    (
        "the harmonies you stacked are too loud, they cover the main melody. lower them a couple dB",
        "vocals down moderate 2",
    ),
    (
        "ok correction from my last comment: not the guitar, the KEYS are too loud. drop the keys 2 dB",
        "other down moderate 2",
    ),
    (
        "Wow! Vocals barely audible in the chorus though. Pump them up!",
        "vocals up large",
    ),
    (
        "Lower the guitar or raise your voice, either works",
        "refuse",
    ),
    (
        "First cover ever, be nice lol. I already know the cajon is too quiet, gonna boost it like 5 or "
        "6 dB in the next one",
        "drums up moderate 5.5",
    ),
    (
        "the 808 in this trap cover hits so hard!! maybe even a tad too much, pull it down 1dB",
        "bass down moderate 1",
    ),
    (
        "karaoke creators pls stop leaving the guide vocal so loud, turn it way down",
        "vocals down large",
    ),
    (
        "Everything sounds balanced except the strings, they're a bit quiet",
        "drums leave, bass leave, other up moderate, vocals leave",
    ),
    (
        "This needs the voice turned up 12 dB no joke, I can't hear you at all",
        "vocals up large 12",
    ),
    (
        "Guitar and voice are about the same level, which is kinda cool honestly",
        "refuse",
    ),
    (
        "tambourine is annoyingly loud, like 3dB too loud",
        "drums down moderate 3",
    ),
    (
        "Mixed this in my bedroom at 3am so the levels are probably off, sorry lol #homestudio",
        "refuse",
    ),
    (
        "Dude the drums are buried and the bass is non-existent. Turn both way up.",
        "drums up large, bass up large",
    ),
    (
        "Hey! Instrumental is a tad loud vs your vocals, maybe -2dB on the instrumental and you're golden",
        "drums down moderate 2, bass down moderate 2, other down moderate 2",
    ),
    (
        "Your voice is fine, the ukulele is fine, just turn the shaker down a bit",
        "drums down moderate, other leave, vocals leave",
    ),
    (
        "The guitar solo needs to be louder, and tbh the lead vocal could come down 1dB too",
        "other up moderate, vocals down moderate 1",
    ),
    (
        "Nah this mix is perfect, no notes #karaoke #nightcore",
        "fine",
    ),
)
