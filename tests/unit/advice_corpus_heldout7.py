"""Held-out corpus #7 of free-text music-mixing (gain-balancing) advice.

Written blind, never tuned on: the author never opened the parser nor any earlier corpus.

Context: a model listens to a 4-stem mix (drums, bass, other, vocals) and gives
gain-balancing advice. Each entry is (answer text, gold label).

Voices (one block each, marked by a comment line):
  1. mix-revision notes from a client/artist to an engineer (timestamps, "v3 notes")
  2. verbose zero-shot audio-language-model answers (preambles, markdown, lists,
     JSON-ish snippets, hedges, pure descriptions, "As an AI" refusals)
  3. student lab-report / academic phrasing
  4. LLM-judge verdicts comparing mix A to reference mix B (label = correction A needs)
  5. voice-memo / speech-to-text transcripts (no punctuation, fillers, self-corrections)
  6. terse console / DAW shorthand and chat messages (emoji, abbreviations)
  7. non-native English and British/Australian idioms (decimal commas, "a tick louder")

Label grammar: comma-separated entries "<stem> <up|down> <moderate|large> [<dB>]"
or "<stem> leave"; or the single word "fine" or "refuse". Stems: drums, bass,
other, vocals.

Conventions:
  * A stated dB value decides magnitude (<= 6 moderate, > 6 large); the number is the
    unsigned correction; ranges give the midpoint ("2-3 dB" -> 2.5, "a dB or two" -> 1.5);
    "a couple of dB" -> 2; "half a dB" -> 0.5; "a few dB" -> moderate, no number.
  * Without a number, intensifiers (way, far, much, a lot, very, buried, drowning,
    barely audible, can't hear, by a mile, ...) -> large; otherwise moderate.
  * Parts map to stems; two parts of one stem moved the same way -> one entry;
    opposite moves inside one stem -> refuse.
  * Only an explicit "the rest / everything else is fine" gives leave entries for the
    remaining stems; "X is fine / don't touch X / X not too loud" -> "X leave";
    all stems fine -> "fine".
  * "X is buried / drowned" -> X up (large). Masking / fighting with no action ->
    refuse; with an action -> the action only.
  * Bare comparison -> refuse; comparison plus action -> the action only.
  * Alternatives, questions without advice, hedges that withdraw advice, ambiguous
    pronouns, tone/effects remarks alone, whole-mix loudness -> refuse.
  * Self-correction -> the corrected advice. Tone remark plus "levels are fine" -> fine.
  * "the instrumental / the music / the band / everything but the vocal" = drums, bass, other.
  * A vs B: B is the reference; "A has more X than B" -> X down; "B has louder X" -> X up;
    "A matches B on X" -> X leave.
When a careful reader would hesitate between two readings, the label is "refuse".
"""

HELDOUT7: tuple[tuple[str, str], ...] = (
    # --- Voice 1: client/artist mix-revision notes to the engineer ---
    ("v3 notes: at 0:45 the lead vocal drops back a bit, can you push it up 2 dB?",
     "vocals up moderate 2"),
    ("Chorus 2 \u2014 the snare is way too loud, it's poking out of everything.", "drums down large"),
    ("Overall love it. Bass could come down a touch in the verses.", "bass down moderate"),
    ("1:12 the synth pad is swallowing my vocal, please lift the vocal about 3 dB.", "vocals up moderate 3"),
    ("Mix v4: the 808 is not too loud, leave it. Just bring the hats down 1.5 dB.",
     "bass leave, drums down moderate 1.5"),
    ("Bridge (2:30): the guitars feel louder than my voice.", "refuse"),
    ("v2 notes \u2013 everything except the vocals down 2 dB please, I want the lyrics on top.",
     "drums down moderate 2, bass down moderate 2, other down moderate 2"),
    ("Honestly this version is perfect, no changes from me, print it.", "fine"),
    ("At 0:58 the kick is a bit muddy, can you clean that up?", "refuse"),
    ("Outro: the piano is barely audible, bring it way up.", "other up large"),
    ("Chorus 1: the BVs should sit 2-3 dB higher, they're getting lost.", "vocals up moderate 2.5"),
    ("v5: maybe pull the bass down a bit... or not, I can't decide, your call.", "refuse"),
    ("Second verse, the rapper is buried under the 808, please fix.", "vocals up large"),
    ("0:20 to 0:40, the toms and the claps are both too hot, drop them.", "drums down moderate"),
    ("Please bring the strings up 4 dB in the last chorus; the rest is fine.",
     "other up moderate 4, drums leave, bass leave, vocals leave"),
    ("Is the bass too loud at 1:30 or is it just my headphones?", "refuse"),
    ("v3: the lead vocal is too loud \u2014 sorry, I mean too quiet \u2014 bring it up a touch.",
     "vocals up moderate"),
    ("Hook at 0:32: the horns are fighting the vocal.", "refuse"),
    ("Hook at 1:05: the brass fights the singer, so turn the brass down 2 dB.", "other down moderate 2"),
    ("Drop 2: the sub needs to hit way harder, like a lot more level.", "bass up large"),
    ("Love the drums, don't touch them. The keys are a little loud though, pull them 1 dB.",
     "drums leave, other down moderate 1"),
    ("Chorus 3 \u2013 the whole mix sounds quiet compared to the single, can you make it louder?", "refuse"),
    ("0:10 intro: the organ is a tiny bit loud, maybe half a dB down.", "other down moderate 0.5"),
    ("The band is too loud against my vocal in the bridge, bring the band down 3 dB.",
     "drums down moderate 3, bass down moderate 3, other down moderate 3"),
    ("v6 notes: kick up 2 dB, snare down 2 dB.", "refuse"),
    ("Vocals are nice and loud now, great job, leave everything as it is.", "fine"),
    ("Pre-chorus at 0:50: the vocal sounds thin and a bit harsh, can you add some warmth? "
     "Levels are fine though.", "fine"),
    ("Final chorus: I need the ad-libs up by 8 dB, they're basically inaudible.", "vocals up large 8"),
    ("Second chorus: the lead guitar sits way above the vocal, so bring the guitar down about 7 dB.",
     "other down large 7"),
    ("v2: I wouldn't say the drums are too quiet, they're where they should be. "
     "Bass guitar could drop a couple of dB.", "drums leave, bass down moderate 2"),
    ("At 2:05 it gets crowded \u2014 the synths and the guitars are covering the singer. Lift the singer.",
     "vocals up moderate"),
    ("Breakdown at 3:10: the pads are fine, the rides are a bit much, take the rides down.",
     "other leave, drums down moderate"),
    ("Overall the mix is great, though the intro could be louder.", "refuse"),
    ("v4: bass up 2, no wait, bass down 2.", "bass down moderate 2"),
    ("0:30: the vocal and the keys are sitting in the same space, and it needs to be lower.", "refuse"),
    ("Love how nobody can hear my vocal in the chorus, really great work.", "vocals up large"),
    ("Bridge: drop the organ a few dB, it's poking out.", "other down moderate"),

    # --- Voice 2: verbose zero-shot audio-language-model answers ---
    ("Sure! Here is my analysis of the mix.\n\n### Observations\nThe vocals are slightly recessed "
     "behind the guitars.\n\n### Recommendation\nIncrease the vocals by approximately 2 dB.",
     "vocals up moderate 2"),
    ("As an AI language model, I cannot listen to audio files, so I am unable to provide specific "
     "mixing advice.", "refuse"),
    ("The track features a driving drum groove, a warm bass line, shimmering synth pads and an "
     "expressive lead vocal. The overall character is upbeat and energetic.", "refuse"),
    ("Based on my analysis, here are my recommendations:\n1. Reduce the drums by 3 dB.\n"
     "2. Increase the bass by 1 dB.\n3. Leave the other instruments unchanged.\n"
     "4. Raise the vocals by 2 dB.",
     "drums down moderate 3, bass up moderate 1, other leave, vocals up moderate 2"),
    ('{"drums": "-2 dB", "bass": "0 dB", "other": "+1 dB", "vocals": "+3 dB"}',
     "drums down moderate 2, bass leave, other up moderate 1, vocals up moderate 3"),
    ("The mix is generally well balanced. However, it could be argued that the bass is slightly "
     "prominent, although this may be a stylistic choice and might not require adjustment.", "refuse"),
    ("**Summary:** The balance between all four stems is appropriate. No gain changes are necessary.",
     "fine"),
    ("Great question! The drums are significantly louder than the rest of the mix. I would recommend "
     "turning them down substantially.", "drums down large"),
    ("It is difficult to determine the optimal balance without knowing the genre. Could you provide "
     "more context about the intended style?", "refuse"),
    ("Analysis:\n- Drums: well balanced\n- Bass: well balanced\n- Other: slightly too loud, reduce by "
     "1.5 dB\n- Vocals: well balanced",
     "drums leave, bass leave, other down moderate 1.5, vocals leave"),
    ("The vocals appear to be buried beneath the dense instrumental arrangement. To improve "
     "intelligibility, consider raising the vocal level.", "vocals up large"),
    ("I hear a noticeable amount of low-mid muddiness and the cymbals are somewhat harsh. "
     "Applying EQ could help.", "refuse"),
    ("Either the keys could be lowered or the vocal raised; both approaches would increase vocal "
     "clarity.", "refuse"),
    ('```json\n{"adjustments": [{"stem": "vocals", "gain_db": -4}, {"stem": "drums", "gain_db": 0}]}\n```',
     "vocals down moderate 4, drums leave"),
    ("Here's a breakdown:\n\n1. **Bass** \u2013 The bass is overwhelming the mix; it should be reduced "
     "by around 8 dB.\n2. **Everything else** \u2013 fine as is.",
     "bass down large 8, drums leave, other leave, vocals leave"),
    ("The overall loudness of the mix seems low; I would suggest applying a limiter to bring up the "
     "integrated loudness.", "refuse"),
    ("In this mix, the guitars sit louder than the vocal line.", "refuse"),
    ("To achieve a more balanced mix, I suggest lowering all of the instruments by roughly 2 dB while "
     "keeping the vocal where it is.",
     "drums down moderate 2, bass down moderate 2, other down moderate 2, vocals leave"),
    ("The vocals could perhaps be raised a little, but honestly the current level also works well, "
     "so I'd probably leave it.", "refuse"),
    ("Recommendation: boost the synth bass by 1-2 dB so that it supports the kick more effectively.",
     "bass up moderate 1.5"),
    ("Sure, I can help with that! The mix sounds quite good overall. The drums are punchy, the bass is "
     "solid, and the vocals are clear. Is there anything specific you would like me to focus on?",
     "refuse"),
    ("### Verdict\nThe lead vocal is far too quiet relative to the accompaniment. Raise it "
     "significantly.\n\n### Confidence\nMedium.", "vocals up large"),
    ("The piano and strings occupy the same frequency range as the vocal, which causes masking.",
     "refuse"),
    ("Step 1: Reduce the hi-hats and overheads slightly.\nStep 2: No changes to the remaining stems.",
     "drums down moderate, bass leave, other leave, vocals leave"),
    ("Hmm, the bass seems a bit loud? Or perhaps it's the kick drum. It is hard to tell.", "refuse"),
    ("I'd say the mix needs more vocals and less guitar.", "vocals up moderate, other down moderate"),
    ("Output: vocals +6 dB", "vocals up moderate 6"),
    ("Output: vocals +6.5 dB, other -1 dB", "vocals up large 6.5, other down moderate 1"),
    ("Based on the spectral content, the mix would benefit from additional reverb on the lead vocal "
     "and some stereo widening on the pads.", "refuse"),
    ("The drums are not too loud; in fact they are well placed. The 808, however, is extremely "
     "dominant and should be pulled back.", "drums leave, bass down large"),
    ("Note: I may be mistaken, but the vocals might be a little low. Then again, they might be fine. "
     "I would not make any changes without further listening.", "refuse"),
    ("As an AI, I do not have personal preferences, but generally speaking, the vocals in this mix "
     "are a couple of dB too quiet and should be raised accordingly.", "vocals up moderate 2"),
    ("The brass section is covering the vocals; I recommend bringing the brass down.",
     "other down moderate"),

    # --- Voice 3: student lab-report / academic phrasing ---
    ("The vocal stem exhibits a deficit of approximately 4 dB relative to the instrumental bed and "
     "should be raised accordingly.", "vocals up moderate 4"),
    ("Measurements indicate that the drum bus exceeds the target level by 9 dB; attenuation of this "
     "magnitude is therefore recommended.", "drums down large 9"),
    ("The bass stem was found to be within \u00b10.5 dB of the reference and requires no correction.",
     "bass leave"),
    ("In the present mix, all four stems conform to the target balance; consequently, no gain "
     "adjustments are proposed.", "fine"),
    ("It was observed that the harmonic instruments (guitars, keyboards) are marginally "
     "over-represented. A reduction of 1 dB is suggested.", "other down moderate 1"),
    ("The spectral centroid of the percussion stem is elevated, resulting in a perceptually harsh "
     "timbre.", "refuse"),
    ("Results (Table 2) show that the vocals are masked by the synthesizer pads in the 1-4 kHz region.",
     "refuse"),
    ("Given the observed masking of the vocal by the pads, an attenuation of the pads by 3 dB is "
     "recommended.", "other down moderate 3"),
    ("The low-frequency stem (bass) is substantially louder than the remaining stems, by a margin of "
     "roughly 10 dB, and should be reduced.", "bass down large 10"),
    ("Two hypotheses were considered: either the vocal level is insufficient or the accompaniment is "
     "excessive. The data do not allow discrimination between them.", "refuse"),
    ("The integrated loudness of the mixture is -20 LUFS, well below the streaming target of "
     "-14 LUFS.", "refuse"),
    ("An increase of 2-4 dB in the backing vocal level is proposed to restore the intended vocal "
     "blend.", "vocals up moderate 3"),
    ("The accompaniment, comprising drums, bass and other instruments, should be lowered by 1.5 dB, "
     "while the vocal remains unchanged.",
     "drums down moderate 1.5, bass down moderate 1.5, other down moderate 1.5, vocals leave"),
    ("It should be noted that the guitar stem is louder than the vocal stem throughout the second "
     "verse.", "refuse"),
    ("Subjective evaluation (n = 12) indicated that the kick drum was perceived as too prominent; "
     "accordingly, a moderate reduction is recommended.", "drums down moderate"),
    ("The snare and toms are both under-represented by approximately 3 dB and should be boosted by "
     "that amount.", "drums up moderate 3"),
    ("The author initially proposed a 3 dB boost to the bass; upon re-examination, a 3 dB cut is "
     "more appropriate.", "bass down moderate 3"),
    ("Whether the organ should be raised remains an open question for further study.", "refuse"),
    ("The vocal stem is barely audible in the chorus sections; a substantial increase in gain is "
     "therefore warranted.", "vocals up large"),
    ("No statistically significant imbalance was detected for the drum, bass or vocal stems; the "
     "'other' stem, however, was approximately 5 dB too loud.",
     "drums leave, bass leave, vocals leave, other down moderate 5"),
    ("The mix lacks depth; the application of a convolution reverb on the string section is "
     "proposed.", "refuse"),
    ("A reduction of the lead synthesizer by 12 dB is required to bring the mix into agreement with "
     "the reference.", "other down large 12"),
    ("Although one might argue the 808 is excessive, the author would not characterise it as too "
     "loud.", "bass leave"),
    ("It is hypothesised that the percussion and the bass compete for attention in the low-mid "
     "register.", "refuse"),
    ("The choir should be raised by 3 dB and the strings reduced by 2 dB to rebalance the final "
     "section.", "vocals up moderate 3, other down moderate 2"),
    ("The ride cymbal should be raised by 2 dB while the overheads are reduced by 2 dB.", "refuse"),
    ("Overall, the instrumentation is too loud relative to the vocal by a considerable margin; a "
     "significant attenuation of the instrumental stems is proposed.",
     "drums down large, bass down large, other down large"),
    ("The vocals exhibit a slight excess of level (circa 1 dB); the remaining stems are adequately "
     "balanced.", "vocals down moderate 1, drums leave, bass leave, other leave"),
    ("The kick drum is deficient by exactly 6 dB and should be boosted accordingly.",
     "drums up moderate 6"),
    ("A 7 dB increase in the vocal level was deemed necessary.", "vocals up large 7"),
    ("The keyboard parts are slightly under-represented, and an increase of half a decibel is "
     "proposed.", "other up moderate 0.5"),
    ("Table 3 lists the RMS levels of each stem; interpretation is left to the reader.", "refuse"),
    ("The bass line is drowned under the kick and toms, and a corresponding increase in bass level "
     "is recommended.", "bass up large"),
    ("The pads and the vocal occupy similar spectra; it should therefore be attenuated by 2 dB.",
     "refuse"),

    # --- Voice 4: LLM-judge verdicts, mix A vs reference mix B (label = correction for A) ---
    ("Verdict: Mix A has noticeably more vocals than reference B. To match, lower the vocals in A.",
     "vocals down moderate"),
    ("Compared with the reference (B), mix A's drums are about 3 dB too quiet.", "drums up moderate 3"),
    ("A matches B on bass, drums and other; only the vocals differ, being 2 dB louder in A.",
     "bass leave, drums leave, other leave, vocals down moderate 2"),
    ("B has a much louder bass than A.", "bass up large"),
    ("Mix A and reference B are virtually indistinguishable in balance. No correction required.",
     "fine"),
    ("A has more guitars than B.", "other down moderate"),
    ("A is louder overall than B.", "refuse"),
    ("Judgement: A's vocals are buried compared to B, where they sit clearly on top.",
     "vocals up large"),
    ("In B the kick and snare are punchier; in A they are flatter.", "refuse"),
    ("Score: 6/10. A's synths are roughly 8 dB hotter than in B; otherwise the two mixes are "
     "equivalent.", "other down large 8, drums leave, bass leave, vocals leave"),
    ("A vs B: A's bass is 4 dB lower than the reference and its vocals are 2 dB higher.",
     "bass up moderate 4, vocals down moderate 2"),
    ("The reference has less percussion than A.", "drums down moderate"),
    ("Which mix is better? Hard to say \u2014 A has punchier drums but B has clearer vocals.", "refuse"),
    ("Mix A's keys are louder than the reference's keys by a mile.", "other down large"),
    ("A matches B on vocals. A's instrumental, however, is about 2 dB louder than B's.",
     "vocals leave, drums down moderate 2, bass down moderate 2, other down moderate 2"),
    ("In mix A, the vocals are louder than the guitars.", "refuse"),
    ("To match B, A needs more sub and less hi-hat.", "bass up moderate, drums down moderate"),
    ("Relative to B, mix A's backing vocals are roughly 1-2 dB too loud, but the lead vocal is about "
     "1-2 dB too quiet.", "refuse"),
    ("B places the piano further forward than A does; bring A's piano up a couple of dB.",
     "other up moderate 2"),
    ("Both mixes have a harsh top end and a muddy low end.", "refuse"),
    ("A is quieter than B in the drums \u2014 or maybe it's the bass, I can't tell which.", "refuse"),
    ("Result: A \u2248 B for all stems except the strings, which are 5 dB quieter in A.",
     "drums leave, bass leave, vocals leave, other up moderate 5"),
    ("The reference has a significantly quieter vocal than mix A.", "vocals down large"),
    ("A has less bass than B? No \u2014 A has more bass than B. It should come down.",
     "bass down moderate"),
    ("Compared to B, A's drums are slightly too loud and its vocals slightly too soft; bass and other "
     "are matched.", "drums down moderate, vocals up moderate, bass leave, other leave"),
    ("Mix A is a great match for reference B. Well done.", "fine"),
    ("A's 808 sits 0.5 dB above B's.", "bass down moderate 0.5"),
    ("B's horns are 7 dB louder than A's.", "other up large 7"),
    ("Does A have too much snare compared to B? Possibly.", "refuse"),
    ("Everything except the vocals is 3 dB louder in A than in B.",
     "drums down moderate 3, bass down moderate 3, other down moderate 3"),
    ("A's harmonies are drowning in comparison with B, where they are clearly audible.",
     "vocals up large"),
    ("A needs a touch more vocal to match B, and B has a slightly quieter kit than A.",
     "vocals up moderate, drums down moderate"),
    ("B's bass is quieter than A's bass, and B's vocals are louder than A's vocals.",
     "bass down moderate, vocals up moderate"),
    ("Oh sure, A's bass is 'subtle' \u2014 only about 5 dB hotter than B's.", "bass down moderate 5"),

    # --- Voice 5: voice-memo / speech-to-text transcripts ---
    ("um so yeah the vocal needs to come up like two db maybe three", "vocals up moderate 2.5"),
    ("okay so the drums are like way too loud you gotta bring them down a lot", "drums down large"),
    ("uh the bass is fine the vocal is fine honestly everything is fine just send it", "fine"),
    ("so the kick um the kick needs to come up no wait down the kick needs to come down a bit",
     "drums down moderate"),
    ("i mean the guitars are kind of louder than the vocal i guess", "refuse"),
    ("can you like turn the keys down a couple db theyre kind of in the way of the vocal",
     "other down moderate 2"),
    ("yeah so um i dont know maybe the bass is too loud or maybe its fine i cant really tell on these "
     "speakers", "refuse"),
    ("the snare is like barely audible in the chorus it needs to come up", "drums up large"),
    ("okay so everything but the vocal down like two db and then the vocal stays",
     "drums down moderate 2, bass down moderate 2, other down moderate 2, vocals leave"),
    ("it sounds kinda muddy down low and the cymbals are super harsh", "refuse"),
    ("um the synth pad is uh covering the singer so like bring the singer up a little",
     "vocals up moderate"),
    ("uh yeah its too quiet overall like the whole thing just needs to be louder", "refuse"),
    ("bass up three db and uh drums down one and leave the rest",
     "bass up moderate 3, drums down moderate 1, other leave, vocals leave"),
    ("so the vocals are not too loud they're good um but the piano is way too loud",
     "vocals leave, other down large"),
    ("like honestly i cant hear the backing vocals at all bring them up", "vocals up large"),
    ("what do you think about the 808 is it too much", "refuse"),
    ("the strings could come up a bit or actually maybe the vocal should come down i dont know either "
     "one", "refuse"),
    ("um the hats are a bit loud and the rides too so like pull those back a touch",
     "drums down moderate"),
    ("the guitar um its fighting the vocal", "refuse"),
    ("bring the vox up a db or two and uh yeah thats it", "vocals up moderate 1.5"),
    ("so like the bass guitar and the synth bass both need to come down like four db",
     "bass down moderate 4"),
    ("okay um the drums sound nice and loud love that the bass sounds nice and loud love that",
     "drums leave, bass leave"),
    ("yeah the organ the organ is like a tiny bit loud take it down half a db", "other down moderate 0.5"),
    ("and then it needs more vocal and less drums", "vocals up moderate, drums down moderate"),
    ("so um the lead synth needs to come up massively like its totally lost", "other up large"),
    ("uh the bass needs to go up like eight db seriously", "bass up large 8"),
    ("i wouldnt say the drums are too quiet theyre fine actually leave them and um pull the guitars "
     "down a smidge", "drums leave, other down moderate"),
    ("so the keys and the vocal are clashing and it needs to come down a bit", "refuse"),
    ("the rapper needs to come up like two db oh and the ad libs too same amount", "vocals up moderate 2"),
    ("um the toms are too loud actually no the toms are fine its the claps that are too loud",
     "drums down moderate"),
    ("like everything is kind of a mess i dont even know where to start", "refuse"),
    ("vocals down like six db theyre way too loud", "vocals down moderate 6"),
    ("okay so overall like the balance is good no changes from me", "fine"),
    ("oh yeah because what this song needs is even more hi hat like seriously", "drums down moderate"),
    ("the music is way too loud under the vocal turn the music down",
     "drums down large, bass down large, other down large"),

    # --- Voice 6: terse console / DAW shorthand and chat messages ---
    ("+2 on vox", "vocals up moderate 2"),
    ("gtr -3", "other down moderate 3"),
    ("bass @ -1.5", "bass down moderate 1.5"),
    ("kick +1, snare +1", "drums up moderate 1"),
    ("drums -8 \U0001f525", "drums down large 8"),
    ("vox \U0001f44d bass \U0001f44d drums \U0001f44d keys \U0001f44d", "fine"),
    ("lol the 808 is \U0001f480 way too loud", "bass down large"),
    ("mix sounds muddy af tbh", "refuse"),
    ("vox +3, rest ok", "vocals up moderate 3, drums leave, bass leave, other leave"),
    ("all instruments -2, vox stay", "drums down moderate 2, bass down moderate 2, other down moderate 2, "
     "vocals leave"),
    ("bvs -1 / lead vox +1", "refuse"),
    ("pads +2? or vox -2? idk", "refuse"),
    ("synth bass +4dB", "bass up moderate 4"),
    ("piano \u2191 a touch", "other up moderate"),
    ("ohh nice and loud, the vox slaps \U0001f525\U0001f525", "vocals leave"),
    ("snare louder than vox rn", "refuse"),
    ("snare louder than vox rn, pull snare -2", "drums down moderate 2"),
    ("everything +3 except drums", "bass up moderate 3, other up moderate 3, vocals up moderate 3"),
    ("master too quiet, push it", "refuse"),
    ("vox +2.. nvm -2", "vocals down moderate 2"),
    ("strings -2 to -4", "other down moderate 3"),
    ("sub way up pls", "bass up large"),
    ("bass ok? \U0001f914", "refuse"),
    ("need reverb on vox", "refuse"),
    ("oh yeah great job making the vocals totally inaudible \U0001f644 real pro move", "vocals up large"),
    ("drums: 0, bass: 0, other: +7, vocals: 0", "drums leave, bass leave, other up large 7, vocals leave"),
    ("cymbals -0.5", "drums down moderate 0.5"),
    ("horns \u2193\u2193 big time", "other down large"),
    ("keys masking vox", "refuse"),
    ("keys masking vox -> keys -2", "other down moderate 2"),
    ("gtr +2 vox +1 kit -1", "other up moderate 2, vocals up moderate 1, drums down moderate 1"),
    ("it's too loud, drop it 3", "refuse"),
    ("bass fine, drums fine, vox needs ~1 dB more", "bass leave, drums leave, vocals up moderate 1"),
    ("perc -3 claps -3", "drums down moderate 3"),
    ("bit harsh up top but levels fine \U0001f44c", "fine"),

    # --- Voice 7: non-native English and British/Australian idioms ---
    ("Could you make the vocals a tick louder, mate? Cheers.", "vocals up moderate"),
    ("Knock the kick down a smidge, it's a bit much.", "drums down moderate"),
    ("I propose a lower of 2 dB on the guitars.", "other down moderate 2"),
    ("The bass is too much strong, please reduce of 2,5 dB.", "bass down moderate 2.5"),
    ("The voice is very low in the mix, it must be more high.", "vocals up large"),
    ("Bang the drums up a notch, they're a bit timid.", "drums up moderate"),
    ("The piano is a wee bit shy, give it a nudge up.", "other up moderate"),
    ("The bass is bloody massive, pull it back heaps.", "bass down large"),
    ("For me the mix is good, I don't change nothing.", "fine"),
    ("The singer is drowned by the guitars, she need more volume.", "vocals up large"),
    ("I think the drums are not so loud, they are okay like that.", "drums leave"),
    ("Please rise the strings of 3-4 dB.", "other up moderate 3.5"),
    ("The sound is a bit dull and boxy, maybe more brightness.", "refuse"),
    ("Reckon the synths are a fair bit hot, bring 'em down 1,5 dB.", "other down moderate 1.5"),
    ("The voices and the guitar, one of them is too strong but I am not sure which.", "refuse"),
    ("All the instruments up of 1 dB, the voice stay same.",
     "drums up moderate 1, bass up moderate 1, other up moderate 1, vocals leave"),
    ("Is it normal that the bass is so loud?", "refuse"),
    ("The hi-hat is going through my head like a knife, is too sharp.", "refuse"),
    ("The whole track is too soft, we need more loudness in the master.", "refuse"),
    ("Turn the backing vocals down a tad and the organ up a tad.", "vocals down moderate, other up moderate"),
    ("The brass is louder than the voice.", "refuse"),
    ("The brass is louder than the voice, so take the brass down a touch.", "other down moderate"),
    ("Bass: raise of 7 dB, it is almost not there.", "bass up large 7"),
    ("Everything bar the vocals wants to come down a couple of dB.",
     "drums down moderate 2, bass down moderate 2, other down moderate 2"),
    ("Give the vocals a bit more welly \u2014 nah, scratch that, they're spot on.", "vocals leave"),
    ("The choir needs to be much more loud, now it is hidden.", "vocals up large"),
    ("The kit is fine, the bass is fine, the keys are fine and the vocal is lovely, no changes.", "fine"),
    ("Drop the toms by 0,5 dB only.", "drums down moderate 0.5"),
    ("Perhaps lower the bass a bit, or perhaps raise the drums, both can work.", "refuse"),
    ("The guitars are a touch loud and also the voice is too loud, I think.",
     "other down moderate, vocals down moderate"),
    ("The lead synth is too timid, I would augment it of 6 dB.", "other up moderate 6"),
    ("Too much drums and too much bass, please reduce them a little.", "drums down moderate, bass down moderate"),
    ("The snare is louder than it should be by a good 9 dB, knock it back.", "drums down large 9"),
    ("The guitar covers the voice, it must be more loud.", "refuse"),
    ("Sound is a bit thin, but the volumes are all right.", "fine"),
    ("Lift the harmonies a few dB, they're a bit hidden.", "vocals up moderate"),
)
