"""Held-out corpus 4 for the free-text mixing-advice parser.

Written blind, never tuned on: the author saw neither the parser nor any
other corpus, and wrote every sentence new for this file.  Its purpose is to
measure whether the parser refuses rather than guesses on wording nobody tuned
it on.

Voices: a mixing engineer's terse session notes (fader shorthand, "vox",
"gtrs", signed dB); chatty zero-shot audio-language-model answers (preambles,
markdown lists, caveats, pure descriptions, AI disclaimers); informal listener
comments (lower case, "imo", "tbh", typos); LLM-judge verdicts (scores,
"final answer", "response A/B is correct"); "mix A vs mix B" comparisons;
British spellings; number words, ranges and fractional dB.

Label format: "refuse" | "fine" | comma-separated "stem direction magnitude
[dB]" entries, listed in the order drums, bass, other, vocals.  dB is the
unsigned correction as a plain number ("2", "2.5"), a range gives its
midpoint, "a couple of" = 2, "a dB or two" = 1.5, "a dB or so" = 1.
Conventions beyond the brief:
- A stated number decides the magnitude even against intensifiers
  ("much too loud, cut 3 dB" -> moderate 3; "slightly quiet, raise 8" ->
  large 8); "a few dB" counts as no number (moderate, dB omitted).
- "leave" only for a stem the answer names as fine / not to be touched;
  scope words ("everything except the vocals", "everything else is fine")
  give no leave entry for the excluded stems.
- "The vocals should be louder than X" -> the subject stem moves; a bare
  relation ("the snare is louder than the vocal") with no side chosen ->
  refuse.
- A vs B: the label is the correction to mix A, taking B as the reference;
  an unsigned "A: vocals +3 vs B" is refused as ambiguous.
- Self-corrections take the last statement.  Down-vs-leave or up-vs-down
  for two instruments of one stem -> refuse.  A whole-mix loudness
  complaint (not balance) -> refuse.  Pure descriptions -> refuse.
- EQ with a dB number ("boost 3 kHz by 2 dB") is EQ, not level -> refuse.
- "drowning"/"buried" attach the large magnitude to the stem acted on.
"""

HELDOUT4: tuple[tuple[str, str], ...] = (
    # --- engineer session notes -------------------------------------------
    ("Vox +2 dB, kick -1.5.", "drums down moderate 1.5, vocals up moderate 2"),
    ("Bass down 3dB. Leave the drums alone.", "drums leave, bass down moderate 3"),
    ("gtrs -4, keys -4", "other down moderate 4"),
    ("Snare's getting lost in the chorus. +3 on the drum bus.", "drums up moderate 3"),
    ("808 way hot, pull it 8.", "bass down large 8"),
    ("BVs a hair loud -- tuck them 1 dB.", "vocals down moderate 1"),
    ("Piano +2, strings +2, lead vox stays put.", "other up moderate 2, vocals leave"),
    ("Overheads too splashy, high-shelf them down a bit.", "refuse"),
    ("Lead vocal wants another 2-3 dB.", "vocals up moderate 2.5"),
    ("Drop the sub 6dB, it's swamping the kick.", "bass down moderate 6"),
    ("Kick and snare both up a couple dB.", "drums up moderate 2"),
    ("Keys buried. Bring up ~9.", "other up large 9"),
    ("Vox sitting nicely. Drums -2.", "drums down moderate 2, vocals leave"),
    ("Bass gtr: down a touch. Rhodes: up a touch.", "bass down moderate, other up moderate"),
    ("Ride too loud, hats are fine where they are.", "refuse"),
    ("Kick up 2, snare down 2.", "refuse"),
    ("All stems within half a dB of target. No moves.", "fine"),
    ("Harmonies -3 / lead +1", "refuse"),
    ("Toms +4, floor tom especially.", "drums up moderate 4"),
    ("Bring the horns up four dB and the bass down two.", "bass down moderate 2, other up moderate 4"),
    ("Low end is about 5 dB shy.", "bass up moderate 5"),
    ("Tamb and shaker poking out, -2.", "drums down moderate 2"),
    ("Gtr bus -10, it's a wall of fuzz.", "other down large 10"),
    ("Synth bass -1, pads +1, drums untouched.", "drums leave, bass down moderate 1, other up moderate 1"),
    ("Comp the vox harder: 4:1, faster attack, same makeup gain.", "refuse"),
    ("Pan the gtrs wider L/R.", "refuse"),
    ("Bass +3 dB, and notch 200 Hz while you're in there.", "bass up moderate 3"),
    ("Snare verb tail too long, shorten the decay.", "refuse"),
    ("Mix notes: bal OK, print it.", "fine"),
    ("Organ -5. Vox -5.", "other down moderate 5, vocals down moderate 5"),
    ("Drums +1.5 / bass +1.5 / vox -1", "drums up moderate 1.5, bass up moderate 1.5, vocals down moderate 1"),
    ("Pull the lead gtr back 3, it's stepping on the vocal.", "other down moderate 3"),
    ("Vocal chain fine, level fine. Bass DI needs +4.", "bass up moderate 4, vocals leave"),
    ("Cymbals -7 dB, they're painful.", "drums down large 7"),
    ("Claps too loud in the drop.", "drums down moderate"),
    ("Sub: \u00b10. Kick: +2.", "drums up moderate 2, bass leave"),
    ("Rap vox up 3-5", "vocals up moderate 4"),
    # --- zero-shot audio-language-model answers ----------------------------
    ("Sure! Here's my analysis of the mix.\n\nThe drums are well balanced and provide a solid "
     "foundation. However, the vocals seem slightly buried beneath the guitars. I would recommend "
     "raising the vocal level by approximately 3 dB so the lyrics cut through. Overall, this is a "
     "pleasant mix.", "drums leave, vocals up moderate 3"),
    ("As an AI language model, I am unable to listen to audio directly. In general, vocals should "
     "sit on top of the mix and the bass should support the kick drum.", "refuse"),
    ("The audio features an upbeat pop track with prominent drums, a driving bassline, bright "
     "synthesizer chords and a female vocalist singing about summer.", "refuse"),
    ("Based on my analysis, the mix is well-balanced. All elements, including the drums, bass, "
     "instruments and vocals, are clearly audible and sit at appropriate levels. No adjustments "
     "are necessary.", "fine"),
    ("1. **Drums** - Slightly too loud; reduce by 1-2 dB.\n2. **Bass** - Appropriate level.\n"
     "3. **Other instruments** - Could come up by 2 dB.\n4. **Vocals** - Well placed.",
     "drums down moderate 1.5, bass leave, other up moderate 2, vocals leave"),
    ("The bass in this recording is far too prominent and masks the kick drum. Lowering the bass "
     "considerably would improve clarity.", "bass down large"),
    ("In this mix, the vocals are very quiet relative to the accompaniment. I suggest boosting "
     "them significantly so the melody is easier to follow.", "vocals up large"),
    ("There's a nice sense of space in this recording. The reverb on the vocals could be reduced "
     "slightly, and the guitars might benefit from some high-pass filtering.", "refuse"),
    ("The mix could benefit from some adjustments. You might consider lowering the drums, although "
     "it really depends on the style you're going for, so leaving them as they are may be fine "
     "too.", "refuse"),
    ("Certainly! To improve the balance:\n- Increase the vocals by 4 dB\n- Decrease the synths by "
     "2 dB\n- Keep the drums and bass as they are\n\nThese changes should make the lead more "
     "intelligible.", "drums leave, bass leave, other down moderate 2, vocals up moderate 4"),
    ("The piano is barely audible under the drums. I would bring the piano up so the chords are "
     "heard.", "other up large"),
    ("It sounds like the low frequencies are a bit overwhelming here. Reducing the bass by around "
     "3 decibels should help the mix breathe.", "bass down moderate 3"),
    ("The drums are overpowering everything else, particularly the cymbals. Turning the drums down "
     "by about 5 or 6 dB would create a more even balance.", "drums down moderate 5.5"),
    ("This track has an energetic mix. The guitar could be a little louder, especially in the "
     "chorus, to add more drive.", "other up moderate"),
    ("The levels seem mostly okay, but the vocal might be slightly too loud. Perhaps try lowering "
     "it by a decibel.", "vocals down moderate 1"),
    ("Overall the mix is good. Nothing stands out as too loud or too quiet.", "fine"),
    ("I cannot determine the exact levels from this clip, but the bass could possibly be louder, "
     "or it might be fine as is.", "refuse"),
    ("The kick drum lacks punch. Adding some compression and a boost around 60 Hz would help it "
     "hit harder.", "refuse"),
    ("Recommendation: raise the backing vocals by roughly six dB and lower the rhythm guitars by "
     "roughly three.", "other down moderate 3, vocals up moderate 6"),
    ("The mix is dominated by the drums. I recommend reducing them by 8 dB and raising the vocals "
     "by 2 dB to compensate.", "drums down large 8, vocals up moderate 2"),
    ("The synth pad is way too loud and overshadows the singer. Turn it down a lot.",
     "other down large"),
    ("Hmm, the snare seems a bit quiet. Actually, on a second listen it's fine where it is.",
     "drums leave"),
    ("I'd raise the vocals by 3 dB. On reflection, make that 5 dB.", "vocals up moderate 5"),
    ("Lower the guitars by 2 dB. Of course, mixing is subjective, so trust your ears.",
     "other down moderate 2"),
    ("Thank you for sharing this clip! Listening carefully, I notice a few things:\n\n* The drums "
     "are punchy and sit well in the mix.\n* The bass guitar sounds somewhat muddy.\n* The lead "
     "vocal is too quiet.\n\nTo fix this, bring the vocal up and apply a low-cut to the bass.",
     "drums leave, vocals up moderate"),
    ("Here's what I'd tweak:\n\n**Vocals:** Bring them forward by about 2 dB; they're slightly "
     "masked in the chorus.\n**Drums:** Sound good.\n**Bass:** A touch heavy, ease off ~1 dB.\n"
     "**Guitars/keys:** Fine.",
     "drums leave, bass down moderate 1, other leave, vocals up moderate 2"),
    ("The music is a rock song with electric guitar, drums and male vocals. The guitar is too "
     "loud.", "other down moderate"),
    ("The bass is loud and the drums are energetic, creating a danceable groove.", "refuse"),
    ("The vocals need more presence and air.", "refuse"),
    ("To achieve a more professional balance, I'd suggest the following gain changes: drums -3 dB, "
     "bass +2 dB, other -1 dB, vocals +3 dB. Note that these are approximate and should be "
     "verified on studio monitors.",
     "drums down moderate 3, bass up moderate 2, other down moderate 1, vocals up moderate 3"),
    ("Great question! The balance is generally solid. If I had to nitpick, the strings are a "
     "little too forward in the second half; pulling them back a dB or so would help.",
     "other down moderate 1"),
    ("The vocals are mixed at an appropriate level, but the bass is almost inaudible. I recommend "
     "increasing the bass by 10 dB.", "bass up large 10, vocals leave"),
    ("Analysis:\n- Kick: good\n- Snare: good\n- Bass: good\n- Keys: good\n- Vocal: slightly loud\n\n"
     "Suggested change: vocal down 1.5 dB.",
     "drums leave, bass leave, other leave, vocals down moderate 1.5"),
    ("I'm sorry, but I can't provide mixing advice without more context about the genre and the "
     "intended sound.", "refuse"),
    ("The track is nicely produced, with a warm bass tone and crisp hi-hats. The vocal is slightly "
     "too low in the mix, so a small boost would help.", "vocals up moderate"),
    ("Reducing the level of the acoustic guitar would help, though you could equally raise it if "
     "you want a folkier feel.", "refuse"),
    ("The bass and drums lock together well and their levels are appropriate. The vocals, however, "
     "are massively too loud and sit on top of everything. I'd bring them down by at least 6 dB.",
     "drums leave, bass leave, vocals down moderate 6"),
    # --- listener comments -------------------------------------------------
    ("honestly couldnt hear the singer at all lol", "vocals up large"),
    ("drums way too loud imo", "drums down large"),
    ("sounds great to me, wouldn't change a thing", "fine"),
    ("I like it but the guitar is a bit much", "other down moderate"),
    ("vocals a bit too quiet, otherwise nice", "vocals up moderate"),
    ("The keyboard was so loud I couldn't make out the words.", "other down large"),
    ("needs more bass!!", "bass up moderate"),
    ("Too much kick.", "drums down moderate"),
    ("could barely hear the bass line tbh", "bass up large"),
    ("I dunno, it sounds fine I guess? maybe the drums? not sure", "refuse"),
    ("i'd turn the voice down a little, it's a bit shouty", "vocals down moderate"),
    ("perfect balance imo!!", "fine"),
    ("everything's nice, just the drums are a tiny bit loud", "drums down moderate"),
    ("turn the vocals up, they're drowned out by the guitar", "vocals up large"),
    ("way too quiet overall, had to crank my volume", "refuse"),
    ("the singer and the drums could both be louder", "drums up moderate, vocals up moderate"),
    ("I thought the strings were too loud in the bridge", "other down moderate"),
    ("i'd prefer less drums and more vocals tbh", "drums down moderate, vocals up moderate"),
    ("Sounded balanced. Maybe the bass a touch louder? Not sure really.", "refuse"),
    ("The rap part is too loud over the beat.", "vocals down moderate"),
    ("the hi-hats are piercing", "refuse"),
    ("liked it a lot. the piano could be a smidge louder", "other up moderate"),
    ("The bass was rattling my car, way too much of it.", "bass down large"),
    ("can't hear the drums properly, they're really far back", "drums up large"),
    ("Guitar solo was way too quiet, I could hardly hear it.", "other up large"),
    ("nice song but the voice is drowning", "vocals up large"),
    ("i think the bass should be a little quieter and the vocals are fine", "bass down moderate, vocals leave"),
    ("Not bad. Drums a bit loud, bass a bit quiet.", "drums down moderate, bass up moderate"),
    ("The singing is far too loud for my taste, it's like karaoke.", "vocals down large"),
    ("Why is the bass so loud?", "refuse"),
    ("balance is good, i'd maybe just nudge the keys up", "other up moderate"),
    ("Loved the drums, they were just right.", "drums leave"),
    # --- LLM-judge verdicts -----------------------------------------------
    ("Verdict: the reference answer is correct. The vocals are under-mixed by around 3 dB and "
     "should be raised.", "vocals up moderate 3"),
    ("Judgement: mix is balanced; no correction required. Score 5/5.", "fine"),
    ("The model's claim that the bass is too loud is incorrect; the bass is at an appropriate "
     "level. The actual problem is that the drums are about 4 dB too quiet.",
     "drums up moderate 4, bass leave"),
    ("Assessment: Drums - OK. Bass - too loud (approx. 5 dB). Other - OK. Vocals - OK.",
     "drums leave, bass down moderate 5, other leave, vocals leave"),
    ("Rating: 2/10. The response fails to notice that the guitars are massively over-represented "
     "in this mix.", "other down large"),
    ("Both responses are plausible and I can't determine which stem is actually off.", "refuse"),
    ("Final answer: vocals -6 dB.", "vocals down moderate 6"),
    ("Final answer: none of the stems require adjustment.", "fine"),
    ("Correct correction: bass +9 dB (the bass is barely present).", "bass up large 9"),
    ("The candidate says to raise the vocals, which is right in direction but overestimates the "
     "amount; a 2 dB lift is enough.", "vocals up moderate 2"),
    ("Response A recommends lowering the drums; Response B recommends raising them. Response B is "
     "correct.", "drums up moderate"),
    ("Neither answer is right: the drums are fine, it's the keys that are 3 dB hot.",
     "drums leave, other down moderate 3"),
    ("Evaluation: the advice to turn the vocals down is wrong. The vocals should go up.",
     "vocals up moderate"),
    ("Judge: the response contains insufficient information to extract any level change.", "refuse"),
    ("Score: 4/5. Main issue correctly identified: the kick is roughly 2 dB too hot. Minor issue: "
     "the response ignores that the pads are slightly low.",
     "drums down moderate 2, other up moderate"),
    ("The answer claims the mix is balanced. I disagree: the bass sits roughly 7 dB below where it "
     "should be.", "bass up large 7"),
    ("PASS. Required correction: other +4 dB, vocals -4 dB; the response matches it.",
     "other up moderate 4, vocals down moderate 4"),
    ("The response is partially correct. It is right that the drums should come down, but the "
     "vocals do not need to change.", "drums down moderate, vocals leave"),
    ("Verdict: incorrect. The response says the guitars are too quiet, but they are actually too "
     "loud, by something like 3 dB.", "other down moderate 3"),
    ("The two answers disagree on the bass and I find neither convincing.", "refuse"),
    # --- mix A vs mix B ----------------------------------------------------
    ("Mix A's drums sit about 3 dB above where they are in mix B.", "drums down moderate 3"),
    ("Compared to mix B, mix A has the bass roughly 8 dB lower.", "bass up large 8"),
    ("A vs B: the guitars in A are slightly quieter, the vocals identical.", "other up moderate, vocals leave"),
    ("B is the better balance; A's kick is way too prominent.", "drums down large"),
    ("Mix A vs mix B: I can't hear any difference between them.", "refuse"),
    ("A has louder keys than B by a couple of dB.", "other down moderate 2"),
    ("Mix B's vocals are 5 dB louder than mix A's.", "vocals up moderate 5"),
    ("In B the bass is 2 dB quieter than in A, and the drums are 6 dB louder in B.",
     "drums up moderate 6, bass down moderate 2"),
    ("A is better than B.", "refuse"),
    ("Mix A buries the drums compared with mix B.", "drums up large"),
    ("Relative to B, A's synths are too quiet by 3-4 dB and its drums are a touch too loud.",
     "drums down moderate, other up moderate 3.5"),
    ("Mix A: vocals +3 vs B.", "refuse"),
    ("Mix A is already balanced; it doesn't need anything from mix B.", "fine"),
    ("In A the piano is about ten dB hotter than in B, which has the right balance.", "other down large 10"),
    ("Going from B to A, the bass drops by 4 dB, and B had it right.", "bass up moderate 4"),
    ("The vocal is a little louder in A than in B.", "vocals down moderate"),
    # --- harder cases: negation, scope, comparatives, corrections ----------
    ("The drums aren't too loud; it's the bass that needs to come down 2 dB.", "drums leave, bass down moderate 2"),
    ("Don't raise the vocals; lower the guitars instead, by about 3 dB.", "other down moderate 3, vocals leave"),
    ("Turn everything except the vocals down by 2 dB.",
     "drums down moderate 2, bass down moderate 2, other down moderate 2"),
    ("Everything but the drums is a bit too quiet.", "bass up moderate, other up moderate, vocals up moderate"),
    ("Only the bass needs work: it's about 4 dB too quiet.", "bass up moderate 4"),
    ("The vocals should be louder than the guitars.", "vocals up moderate"),
    ("The snare is louder than the vocal at the moment, which is wrong.", "refuse"),
    ("Bring the bass up until it's as loud as the kick.", "bass up moderate"),
    ("Hmm, the drums are too loud. No wait, it's the bass that's too loud; the drums are fine.",
     "drums leave, bass down moderate"),
    ("Lower the vocals 3 dB... actually, 2 is enough.", "vocals down moderate 2"),
    ("The keys are drowning the vocals, so pull the keys back.", "other down large"),
    ("Raise the vocals, but not by much: a dB at most.", "vocals up moderate 1"),
    ("The bass is not quiet.", "refuse"),
    ("It's not that the drums are too loud, the vocals are just too quiet.", "drums leave, vocals up moderate"),
    ("I wouldn't touch the guitars.", "other leave"),
    ("Nothing wrong with the bass or the drums. Vocals up 2.", "drums leave, bass leave, vocals up moderate 2"),
    ("Neither the vocals nor the keys need changing; the drums are 3 dB too quiet.",
     "drums up moderate 3, other leave, vocals leave"),
    ("Maybe lower the bass a bit, or maybe not, it's hard to tell on these speakers.", "refuse"),
    ("Vocals up? Drums down?", "refuse"),
    ("The drums and bass are both fine; the guitars, though, are much too loud and the vocals a bit "
     "quiet.", "drums leave, bass leave, other down large, vocals up moderate"),
    ("The bass should come up, not down.", "bass up moderate"),
    ("Lower the vocals. No, sorry, raise them.", "vocals up moderate"),
    ("Bring up everything apart from the bass by 1 dB.",
     "drums up moderate 1, other up moderate 1, vocals up moderate 1"),
    ("Turn the drums down and the vocals up, both by three and a half dB.",
     "drums down moderate 3.5, vocals up moderate 3.5"),
    ("The vocals are too loud or too quiet depending on the section.", "refuse"),
    ("Kick too loud, bass too quiet, guitars and vox fine.",
     "drums down moderate, bass up moderate, other leave, vocals leave"),
    ("The mix is fine except the bass is a little loud.", "bass down moderate"),
    ("Fine, but turn the snare up one dB.", "drums up moderate 1"),
    ("The guitars are much too loud; cut them 3 dB.", "other down moderate 3"),
    ("The vocal is only slightly too quiet, but I'd still raise it about 8 dB.", "vocals up large 8"),
    ("The guitars are louder than the vocals.", "refuse"),
    ("Not the drums, not the vocals: it's the bass that's too loud.", "drums leave, bass down moderate, vocals leave"),
    ("The keys might be a hair loud, though they might also be fine.", "refuse"),
    ("The bass is too loud. Actually no, I take that back, it's too quiet.", "bass up moderate"),
    ("Push the drums up so they punch through the guitars.", "drums up moderate"),
    ("The kick drum is drowning out the bass guitar, so bring the bass guitar up.", "bass up large"),
    ("Raise the vocals above the synths.", "vocals up moderate"),
    ("Everything is fine apart from the drums, which are far too quiet.", "drums up large"),
    ("Keep the vocal where it is and bring everything else down by 3 dB.",
     "drums down moderate 3, bass down moderate 3, other down moderate 3, vocals leave"),
    ("The acoustic guitar and the electric guitar both need bringing down, the acoustic more than "
     "the electric.", "other down moderate"),
    ("The hats want to come up while the kick comes down.", "refuse"),
    ("Is the vocal too loud? Yes, by about 2 dB, so pull it down.", "vocals down moderate 2"),
    ("Leave the drums, leave the bass, leave the vocals, just drop the organ a touch.",
     "drums leave, bass leave, other down moderate, vocals leave"),
    ("The bass is fighting the kick; sidechain the bass to the kick.", "refuse"),
    ("Boost the vocal at 3 kHz by 2 dB.", "refuse"),
    ("Turn the guitars down 2 dB and give them a high-pass at 100 Hz.", "other down moderate 2"),
    ("Cut 4 dB at 250 Hz on the bass and raise its fader by 1 dB.", "bass up moderate 1"),
    # --- British spellings -------------------------------------------------
    ("The balance is spot on, I'd not change a thing.", "fine"),
    ("Levels are bang on, mate. Don't touch a fader.", "fine"),
    ("I'd favour bringing the guitars up a touch.", "other up moderate"),
    ("The vocal's sat nicely; the bass wants lifting by 2 dB.", "bass up moderate 2, vocals leave"),
    ("The drums are rather too loud, whilst the keys are a little quiet. Lower the former and raise "
     "the latter.", "drums down moderate, other up moderate"),
    ("Colour-wise it's lovely, but the brass section is far too loud.", "other down large"),
    ("The stems are well levelled; no adjustments recommended.", "fine"),
    ("Bring the vocal down a smidgen and the bass up likewise.", "bass up moderate, vocals down moderate"),
    ("I realise it's a matter of taste, but the snare is a touch quiet for my liking.", "drums up moderate"),
    ("Honestly I'd ship this mix as it stands.", "fine"),
    ("The harmonies are a tad prominent; I'd knock them down a dB or two.", "vocals down moderate 1.5"),
    # --- typos -------------------------------------------------------------
    ("teh drums are to loud", "drums down moderate"),
    ("vocals shoud come up 3db", "vocals up moderate 3"),
    ("gutiars down abit", "other down moderate"),
    ("bas is way to quiet", "bass up large"),
    ("the voacls are burried", "vocals up large"),
    ("Its perfectly balanced, no changes nessesary", "fine"),
    ("raise teh keyboards by 4db and lwoer the kick by 2", "drums down moderate 2, other up moderate 4"),
    ("snare neds +2", "drums up moderate 2"),
    ("basss too much, cut 3", "bass down moderate 3"),
    # --- more "fine" -------------------------------------------------------
    ("Nothing to change here; all four stems sit where they should.", "fine"),
    ("No changes needed.", "fine"),
    ("Everything is already balanced correctly: drums, bass, instruments and vocals alike.", "fine"),
    ("I wouldn't move anything.", "fine"),
    ("Gain staging between the stems is already right; any change would make it worse.", "fine"),
    ("no notes, sounds pro", "fine"),
    ("The faders can stay exactly where they are.", "fine"),
    ("Based on the audio, the relative levels of the drums, bass, other instruments and vocals are "
     "appropriate. I would not recommend any changes.", "fine"),
    ("Balance-wise nothing is off. The vocal could use a de-esser, but that's not a level thing.", "fine"),
    ("Everything sits nicely in the mix, none of the parts are too loud or too quiet.", "fine"),
    ("I can't fault the balance.", "fine"),
    ("No stem is out of place level-wise; perhaps add a touch of reverb to the vocal for taste.", "fine"),
    # --- more ordinary advice ----------------------------------------------
    ("The bass guitar could drop by about 2 dB.", "bass down moderate 2"),
    ("Ease the low end off a little.", "bass down moderate"),
    ("The 808 is too loud in the hook.", "bass down moderate"),
    ("Bass is massively overcooked, drop it a lot.", "bass down large"),
    ("Lift the rhythm guitar a touch so it glues the chorus together.", "other up moderate"),
    ("The strings are practically inaudible; bring them up by 12 dB.", "other up large 12"),
    ("I'd push the synth lead up about 3 dB.", "other up moderate 3"),
    ("Lead guitar needs to be much louder during the solo.", "other up large"),
    ("Vocals are sitting too far forward; bring them down a bit.", "vocals down moderate"),
    ("The singer is way too hot, lower her by around 9 dB.", "vocals down large 9"),
    ("Take the vox down two decibels.", "vocals down moderate 2"),
    ("The ad-libs are too loud.", "vocals down moderate"),
    ("Drums could come up a bit; they feel timid.", "drums up moderate"),
    ("Give the kit another 4 dB.", "drums up moderate 4"),
    ("The percussion is barely audible; raise it a good deal.", "drums up large"),
    ("The bass is drowning everything, pull it down 3 to 4 dB.", "bass down moderate 3.5"),
    ("Raise the bass slightly and lower the drums slightly.", "drums down moderate, bass up moderate"),
    ("Vocals: -2.5 dB. Guitars: +1 dB.", "other up moderate 1, vocals down moderate 2.5"),
    ("The voice is much too quiet and the piano a bit too loud.", "other down moderate, vocals up large"),
    ("The mix needs more of the singer and less low end.", "bass down moderate, vocals up moderate"),
    ("Tuck the strings under the vocal by pulling them down about 5 dB.", "other down moderate 5"),
    ("The mix lacks drums: raise them by about 7 dB.", "drums up large 7"),
    ("Up the bass by a few dB.", "bass up moderate"),
)
