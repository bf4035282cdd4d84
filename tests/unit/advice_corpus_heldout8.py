"""Held-out corpus 8: free-text gain-balancing advice for a 4-stem mix.

Each entry is (answer text, label). The answer is what a listener/model said
about a mix with four stems: drums, bass, other, vocals.

Voices (one block each, marked by a "# Voice N" comment):
  1. a mastering engineer's written report to a client (bullets, dB figures);
  2. Reddit / forum replies in a "rate my mix" thread (casual, sarcasm, edits);
  3. YouTube / SoundCloud comments (very short, emoji, caps, slang);
  4. a music-production teacher's feedback to a student ("try ...", "notice ...");
  5. multi-turn chat transcripts pasted as one answer; only the assistant's
     final advice counts;
  6. English by German / Spanish / French / Japanese speakers (literal
     translations, decimal commas);
  7. LLM answers in strict-but-messy formats (text tables, key: value, YAML-ish).

Label grammar: comma-separated entries "<stem> <up|down> <moderate|large> [<dB>]"
or "<stem> leave"; or the single word "fine" or "refuse".  Conventions:
  * a stated dB value decides the magnitude (<= 6 moderate, > 6 large) and is
    given unsigned; ranges use the midpoint ("a dB or two" -> 1.5,
    "a couple of dB" -> 2, "half a dB" -> 0.5); "a few dB" -> moderate, no number;
  * without a number, intensifiers (way, much, a lot, very, buried, drowning,
    barely audible, can't hear, ...) -> large, otherwise moderate;
  * parts map to stems; same-direction parts of one stem -> one entry, opposite
    moves inside one stem -> refuse;
  * "leave" only from explicit "X is fine / don't touch X / the rest is fine";
    all stems fine -> "fine";
  * bare comparisons, masking without an action, alternatives, questions,
    withdrawn hedges, tone/effects-only remarks, whole-mix loudness and
    unresolvable pronouns -> "refuse"; self-corrections -> the corrected advice;
  * "the instrumental / the band / everything but the vocal" = drums, bass, other.
Entries inside a label are ordered drums, bass, other, vocals.

Written blind, never tuned on: the author never opened the parser nor any earlier corpus.
"""

HELDOUT8: tuple[tuple[str, str], ...] = (
    # Voice 1: mastering engineer's written report to a client
    ("• Vocals: I'd suggest the mix engineer bring the lead vocal up by about 2 dB; "
     "it currently sits behind the guitars.", "vocals up moderate 2"),
    ("• Low end: the 808 is overpowering the master bus. I'd suggest pulling it down 3 dB "
     "before I apply any limiting.", "bass down moderate 3"),
    ("Summary of findings: the drums, bass and keys all sit roughly 1.5 dB too hot relative "
     "to the vocal; I'd suggest the mix engineer lower each of them by that amount.",
     "drums down moderate 1.5, bass down moderate 1.5, other down moderate 1.5"),
    ("• Overall: the balance is solid across all four stems and I see no reason to request "
     "a revised mix.", "fine"),
    ("• Drums: the snare is roughly 8 dB too loud in the choruses. I'd suggest the mix "
     "engineer bring it down accordingly.", "drums down large 8"),
    ("• Piano and strings: I'd suggest raising both by 2–3 dB so the bridge doesn't feel "
     "empty.", "other up moderate 2.5"),
    ("Note: the master is peaking at -0.1 dBFS and integrated loudness is around -9 LUFS. "
     "I'd suggest leaving more headroom on the mix bus before delivery.", "refuse"),
    ("Tonal note only: there is harshness around 3 kHz on the lead vocal that a dynamic EQ "
     "would tame. Stem levels are all where they should be.", "fine"),
    ("• Bass guitar: I'd suggest the mix engineer lower it by a dB or two; the rest of the "
     "mix is fine as delivered.",
     "drums leave, bass down moderate 1.5, other leave, vocals leave"),
    ("• Kick: I initially considered asking for a 2 dB boost on the kick, but having heard "
     "the vinyl reference I no longer think that is necessary.", "refuse"),
    ("• Backing vocals: currently buried under the pads. I'd suggest the mix engineer raise "
     "them by roughly 4 dB.", "vocals up moderate 4"),
    ("• The guitars mask the vocal in the second verse.", "refuse"),
    ("• The guitars mask the vocal in the second verse; I'd suggest dropping the guitars by "
     "2 dB in that section.", "other down moderate 2"),
    ("Would the mix engineer be able to confirm whether the synth bass was printed with the "
     "sidechain active?", "refuse"),
    ("• Toms and overheads: I'd suggest the mix engineer bring both down by half a dB. "
     "Purely a polish item.", "drums down moderate 0.5"),
    ("• Lead vocal: I'd suggest a 3 dB increase. Correction after a second pass: a 3 dB "
     "decrease, as it is sitting on top of the mix.", "vocals down moderate 3"),
    ("• The mix is competitive in loudness but a little squashed overall; I'd suggest "
     "backing off the bus compressor.", "refuse"),
    ("• Sub: currently barely audible on small speakers. I'd suggest the mix engineer raise "
     "it substantially.", "bass up large"),
    ("• Horns: I'd suggest they come down about 7 dB in the final chorus; they are covering "
     "everything.", "other down large 7"),
    ("• Drums: either lower the kit by 2 dB or raise everything else by the same amount; I "
     "leave the choice to the mix engineer.", "refuse"),
    ("• The harmonies are slightly louder than the lead vocal in the outro.", "refuse"),
    ("• Everything except the vocals should come down by 1 dB; I'd suggest the mix engineer "
     "apply this on the instrument buses rather than on the master.",
     "drums down moderate 1, bass down moderate 1, other down moderate 1"),
    ("• Keys: I'd suggest a cut of 1 dB. • Drums: leave as is. • Bass: I'd suggest a 2 dB "
     "boost.", "drums leave, bass up moderate 2, other down moderate 1"),
    ("• Cymbals: harsh above 10 kHz; I'd suggest a gentle high shelf. Not a level issue.",
     "refuse"),
    ("• Vocals: I'd suggest the mix engineer bring the choir up slightly and the lead vocal "
     "down slightly.", "refuse"),
    ("• Bassline and kick: I'd suggest raising both by 2 dB so the groove translates on "
     "earbuds.", "drums up moderate 2, bass up moderate 2"),
    ("• Lead synth: it is far too prominent in the drop. I'd suggest the mix engineer pull "
     "it back significantly.", "other down large"),
    ("• I'd suggest the mix engineer turn the percussion, claps and hats down by around "
     "2.5 dB.", "drums down moderate 2.5"),
    ("• Ad-libs: currently about 10 dB too loud relative to the lead; I'd suggest "
     "correcting this before mastering.", "vocals down large 10"),
    ("• The client has asked whether the vocal could be louder. I'd suggest it stays where "
     "it is; the vocal is fine.", "vocals leave"),
    ("• Organ: I'd suggest a reduction of 1 to 2 dB. Everything else is fine.",
     "drums leave, bass leave, other down moderate 1.5, vocals leave"),
    ("• I'd suggest the mix engineer raise the vocal a couple of dB and lower the guitars by "
     "the same amount.", "other down moderate 2, vocals up moderate 2"),

    # Voice 2: Reddit / forum replies in a "rate my mix" thread
    ("IMO the vocals are way too quiet, bump them up.", "vocals up large"),
    ("fwiw the snare is poking out a bit, I'd pull it down like 2dB", "drums down moderate 2"),
    ("Oh great, another mix where I can barely hear the vocal over the guitars. Love that for "
     "me. /s", "vocals up large"),
    ("Sounds good man, honestly nothing to change levels-wise. Ship it.", "fine"),
    ("Bass is buried. Like, I had to check whether there even was a bass player.",
     "bass up large"),
    ("IMO turn the kick, snare and bass up a bit, the groove is lacking punch",
     "drums up moderate, bass up moderate"),
    ("Is that a Juno on the pads? Sounds sick", "refuse"),
    ("vocals too loud. EDIT: nvm, listened on monitors instead of laptop speakers, vocals "
     "are fine", "vocals leave"),
    ("I'd turn the guitars down a touch, maybe 1 dB, everything else sits fine imo",
     "drums leave, bass leave, other down moderate 1, vocals leave"),
    ("The hats are kinda louder than the snare?? not sure if that's intentional", "refuse"),
    ("drop the keys or raise the vocal, either works", "refuse"),
    ("fwiw the 808 needs to come up a lot, it's basically inaudible on phone speakers",
     "bass up large"),
    ("Not to pile on, but the drums could come down like 3-4dB", "drums down moderate 3.5"),
    ("Everything except the vocal is too loud IMO. Pull the instrumental down a couple dB.",
     "drums down moderate 2, bass down moderate 2, other down moderate 2"),
    ("The synths are cool but the reverb on them turns everything into mush. Dry them up.",
     "refuse"),
    ("Turn up the vocals. Wait no, the vocals are fine, it's the instrumental that's too "
     "quiet. Turn that up.",
     "drums up moderate, bass up moderate, other up moderate, vocals leave"),
    ("lol who mixed this, the hi-hat is louder than the singer", "refuse"),
    ("Honestly? Bass +2 dB, vox -1 dB, rest is fine.",
     "drums leave, bass up moderate 2, other leave, vocals down moderate 1"),
    ("I'm not gonna say turn the guitars down, but... turn the guitars down.",
     "other down moderate"),
    ("Did you master this yourself or send it out? The whole thing is brickwalled.", "refuse"),
    ("Pads are masking the vocal a bit, I'd duck the pads 2dB under the verses",
     "other down moderate 2"),
    ("Mixes are subjective, but if it were me I'd bring the BVs down a notch. Then again it's "
     "your song, keep them if you like them.", "refuse"),
    ("Kick and bass are fighting each other in the low end", "refuse"),
    ("Kick and bass are fighting. Turn the bass down 2 dB and call it a day.",
     "bass down moderate 2"),
    ("Sounds amazing dude, the drums slap, the bass is perfect, vocals sit right in the "
     "pocket, guitars are chef's kiss", "fine"),
    ("Hot take: the vocal isn't too loud, people in this thread are just used to buried "
     "vocals.", "vocals leave"),
    ("Strings need to come up, by a mile. Right now they're just a vague hum in the "
     "background.", "other up large"),
    ("edit: typo, I meant the toms are too LOUD, not too quiet. So bring them down.",
     "drums down moderate"),
    ("the piano is a bit loud and the vocals are a bit quiet",
     "other down moderate, vocals up moderate"),
    ("Could the sub be a little louder? Or is that just my headphones?", "refuse"),
    ("fwiw I'd turn everything down except the vocal. Like 1.5 dB across the board.",
     "drums down moderate 1.5, bass down moderate 1.5, other down moderate 1.5"),
    ("Ok so the drums are fine, the bass is fine, the guitars are fine... the vocal though. "
     "Needs like 5 dB more.", "drums leave, bass leave, other leave, vocals up moderate 5"),
    ("Nice track! The choir at the end gave me chills. No notes.", "fine"),
    ("The guitars and the vocal clash in the chorus, I'd just turn it down.", "refuse"),
    ("Yeah sure, keep the hats that loud, my ears didn't need to work anyway.",
     "drums down moderate"),

    # Voice 3: YouTube / SoundCloud comments
    ("VOCALS TOO QUIET 😭", "vocals up moderate"),
    ("bass go brrr 🔥🔥 perfect mix", "fine"),
    ("cant hear the rapper at all bro 💀", "vocals up large"),
    ("turn the 808 UP fr", "bass up moderate"),
    ("snare way too loud 😬", "drums down large"),
    ("who else thinks the guitars are louder than the vocals 👀", "refuse"),
    ("this slaps 🔥 no changes", "fine"),
    ("mix is too quiet overall, had to max my volume", "refuse"),
    ("drums a lil loud ngl", "drums down moderate"),
    ("piano 😍😍😍", "refuse"),
    ("pls turn down the hats they hurt 😖", "drums down moderate"),
    # relabelled in round 8 (was "vocals up large"): "X drowning Y" with no order lowers X, as the first corpus labels
    # "The strings are drowning the vocals."
    ("synths drowning the vocals smh", "other down large"),
    ("bass could be louder imo 🤷", "bass up moderate"),
    ("THE KICK IS SO BURIED WHYYY", "drums up large"),
    ("is this the remaster? sounds different", "refuse"),
    ("lower the vocals a bit and it's perfect 👌", "vocals down moderate"),
    ("keys + strings need like +3dB 🎹🎻", "other up moderate 3"),
    ("ur vocals sit perfect but the beat is way too loud under them",
     "drums down large, vocals leave"),
    ("first 🥇", "refuse"),
    ("ad-libs too loud lol cut them down", "vocals down moderate"),
    ("guitar tone is 🔥 but the distortion kinda fizzy", "refuse"),
    ("bass and drums a touch quiet, vox perfect",
     "drums up moderate, bass up moderate, vocals leave"),
    ("bring down the pads theyre eating the vocal", "other down moderate"),
    ("the sub is barely audible on my airpods 😢", "bass up large"),
    ("vocals louder? or nah", "refuse"),
    ("LOWER THE BASS. PLEASE.", "bass down moderate"),
    ("everything but the vocals up a lil", "drums up moderate, bass up moderate, other up moderate"),
    ("claps massively too loud 😂", "drums down large"),
    ("loved the mix, every part sits just right 🥰", "fine"),
    ("horns too loud. jk theyre perfect 😂", "other leave"),
    ("hats -2dB and it's a banger", "drums down moderate 2"),
    ("love how the vocals are totally inaudible, really adds mystery 🙃", "vocals up large"),
    ("bring the keys, guitars and vocals up a touch pls", "other up moderate, vocals up moderate"),

    # Voice 4: music-production teacher's feedback to a student
    ("Nice work overall. Try bringing the lead vocal up about 2 dB — notice how it starts to "
     "sit on top of the guitars instead of behind them.", "vocals up moderate 2"),
    ("Notice how the bass disappears on small speakers. Try raising it a few dB and check "
     "again.", "bass up moderate"),
    ("Your drums are a lot louder than they need to be. Try pulling the whole kit down and "
     "listen to how much space opens up.", "drums down large"),
    ("Good instinct on the piano, but it's competing with the vocal. Ask yourself which one "
     "should lead here.", "refuse"),
    ("Try turning the snare and the toms down by about 1 dB each.", "drums down moderate 1"),
    ("Levels are in a really good place this time — well done. Let's focus on arrangement "
     "next week.", "fine"),
    ("Notice how the strings are masking the vocal in the chorus? Try taking the strings down "
     "3 dB there.", "other down moderate 3"),
    ("Try bringing the bass up. Actually, no — leave the bass alone and bring the kick down "
     "instead; hear how the low end clears?", "drums down moderate, bass leave"),
    ("Before touching any faders, think about what the listener should focus on. What is the "
     "most important element here?", "refuse"),
    ("Your reverb sends on the vocal are too wet; try shortening the decay. Levels are "
     "otherwise spot on.", "fine"),
    ("The guitars are louder than the vocal in the verse.", "refuse"),
    ("The guitars are louder than the vocal in the verse, so try tucking the guitars down a "
     "couple of dB.", "other down moderate 2"),
    ("Try turning everything except the vocal down by 1 dB and notice how the vocal suddenly "
     "feels present without being louder.",
     "drums down moderate 1, bass down moderate 1, other down moderate 1"),
    ("I'd normally tell you to raise the organ, but in this genre it's fine where it is.",
     "other leave"),
    ("Your backing vocals are very loud — try pulling them back so they support the lead "
     "rather than compete with it.", "vocals down large"),
    ("Try nudging the synth bass up a touch, then listen in mono.", "bass up moderate"),
    ("Good job balancing the kit, it's fine. The bass, though, is drowning under the pads; "
     "try lifting it.", "drums leave, bass up large"),
    ("Try either lowering the horns or raising the lead — both approaches are valid, so "
     "experiment.", "refuse"),
    ("Notice the cymbals are harsh; that's an EQ problem, not a level problem.", "refuse"),
    ("Try turning the hi-hat down 2 to 4 dB and hear how the groove relaxes.",
     "drums down moderate 3"),
    ("Bring the harmonies up slightly and leave the rest as it is.",
     "drums leave, bass leave, other leave, vocals up moderate"),
    ("You might try lowering the keys — but don't take that as gospel, I'm not sure about it "
     "myself.", "refuse"),
    ("The loudness of the whole mix is too low for streaming; we'll cover gain staging next "
     "lesson.", "refuse"),
    ("Try pulling the lead synth down about 9 dB in the verses; notice how much room the "
     "vocal gets.", "other down large 9"),
    ("Try turning the kick, the bass guitar and the vocal up by 1 dB each.",
     "drums up moderate 1, bass up moderate 1, vocals up moderate 1"),
    ("The vocal and the guitar both feel a little loud to me; try turning it down a bit.",
     "refuse"),
    ("The percussion is barely audible. Try turning it up until you feel the shaker without "
     "consciously noticing it.", "drums up large"),
    ("Don't touch the vocal — it's perfect. Try bringing the guitars down instead, roughly "
     "2 dB.", "other down moderate 2, vocals leave"),
    ("Notice how the bass and kick build up in the low mids? Try bringing both down half a "
     "dB.", "drums down moderate 0.5, bass down moderate 0.5"),
    ("Why do you think the chorus feels smaller than the verse?", "refuse"),
    ("Try raising the choir significantly in the final chorus — it should feel like a lift.",
     "vocals up large"),
    ("The singer sits well. Try turning the drums up a little underneath her.",
     "drums up moderate, vocals leave"),
    ("Try taking the piano, the pads and the organ all down a little, and notice how the "
     "mix breathes.", "other down moderate"),

    # Voice 5: multi-turn chat transcript pasted as one answer
    ("User: The vocals feel quiet to me.\nAssistant: Agreed — raise the vocals by 2 dB.",
     "vocals up moderate 2"),
    ("User: Should I turn the bass down?\nAssistant: No, the bass is fine. Lower the drums "
     "by 1 dB instead.", "drums down moderate 1, bass leave"),
    ("User: Is the mix OK?\nAssistant: Yes, all four stems are well balanced; no changes "
     "needed.", "fine"),
    ("User: The guitars are way too loud, right?\nAssistant: I'd actually say they're fine; "
     "the vocals just need a slight lift.", "other leave, vocals up moderate"),
    ("User: Turn the drums down 6 dB.\nAssistant: That's too much. Take the drums down 2 dB "
     "instead.", "drums down moderate 2"),
    ("User: Can you check the balance?\nAssistant: Sure. Could you tell me which section "
     "you're worried about?", "refuse"),
    ("User: What about the keys?\nAssistant: The keys are masking the vocal a little.",
     "refuse"),
    ("User: I think the sub is too loud.\nAssistant: Let me listen again.\nAssistant: On "
     "second listen the sub is actually buried; bring it up about 4 dB.",
     "bass up moderate 4"),
    ("User: The kick is buried.\nAssistant: I disagree, the kick is fine.", "drums leave"),
    ("User: Make the vocals way louder.\nAssistant: Way louder would overshoot. Raise them "
     "by 1.5 dB.", "vocals up moderate 1.5"),
    ("User: hi\nAssistant: Hello! Upload the stems and I'll take a listen.", "refuse"),
    ("User: thoughts?\nAssistant: Drums: down 3 dB. Bass: up 2 dB. Other: leave. Vocals: up "
     "1 dB.", "drums down moderate 3, bass up moderate 2, other leave, vocals up moderate 1"),
    ("User: Which is too loud, the piano or the vocal?\nAssistant: Neither, really. Both are "
     "fine, and so are the drums and bass.", "fine"),
    ("User: Bass up?\nAssistant: Bass up, yes. Sorry — I misread the meters. Bass down "
     "2 dB.", "bass down moderate 2"),
    ("User: The horns feel weak.\nAssistant: You could raise the horns, or you could lower "
     "the rest of the band; either would work.", "refuse"),
    ("User: Give me one fix.\nAssistant: Turn the vocal down 8 dB; it's sitting far above "
     "everything.", "vocals down large 8"),
    ("User: Should everything come down?\nAssistant: Everything except the lead vocal, yes — "
     "about 2 dB.", "drums down moderate 2, bass down moderate 2, other down moderate 2"),
    ("User: The hats are harsh.\nAssistant: That's a tone issue; try a de-esser or a high "
     "shelf cut. Level-wise they're fine.", "drums leave"),
    ("User: Too much reverb on the vocal?\nAssistant: A bit, yes. Shorten the decay and keep "
     "the vocal level exactly where it is.", "vocals leave"),
    ("User: Is the master loud enough?\nAssistant: It's around -14 LUFS integrated, which "
     "suits streaming.", "refuse"),
    ("User: Turn the strings up a lot.\nAssistant: Okay: strings up by a lot, roughly 7 dB.",
     "other up large 7"),
    ("User: Can I leave the drums?\nAssistant: Yes, leave the drums. Turn the bass and the "
     "synths down a touch though.", "drums leave, bass down moderate, other down moderate"),
    ("User: Vocals down?\nAssistant: Hmm, maybe. Or maybe not. Hard to say without hearing "
     "it on better monitors.", "refuse"),
    ("User: What should I change?\nAssistant: Bring the piano up 2 dB.\nUser: And the vocal?"
     "\nAssistant: Then the final plan: piano up 2 dB, vocal untouched.",
     "other up moderate 2, vocals leave"),
    ("User: The bass is louder than the kick.\nAssistant: Yes, it is louder than the kick.",
     "refuse"),
    ("User: The bass is louder than the kick.\nAssistant: Right, so pull the bass down about "
     "2 dB.", "bass down moderate 2"),
    ("User: I raised the BVs by 3 dB like you said.\nAssistant: Great, that sounds balanced "
     "now. Nothing else to change.", "fine"),
    ("User: Make the drums louder.\nAssistant: I'd hold off on that. The drums already sit "
     "well; I'd turn the guitars down slightly instead.", "drums leave, other down moderate"),
    ("User: Should I boost the organ 10 dB?\nAssistant: Ten is far too much. A dB or two on "
     "the organ will do.", "other up moderate 1.5"),
    ("User: It sounds muddy.\nAssistant: The mud comes from the low mids of the guitars; a "
     "cut around 300 Hz should help.", "refuse"),
    ("User: is it good?\nAssistant: Not quite. The lead vocal is drowning under the synths — "
     "raise it by a lot.", "vocals up large"),
    ("User: Lower the toms by 2 dB and the ride by 2 dB?\nAssistant: Yes, both down 2 dB.",
     "drums down moderate 2"),
    ("User: The piano and the bass both feel loud.\nAssistant: Yeah, pull it down a touch.",
     "refuse"),

    # Voice 6: English by German / Spanish / French / Japanese speakers
    ("The voice is too much in front, please make it 2 dB more quiet.",
     "vocals down moderate 2"),
    ("Put more volume to the bass, it is missing in the ground.", "bass up moderate"),
    ("The drums are too strong, I would reduce them about 1,5 dB.",
     "drums down moderate 1.5"),
    ("For me the mix is well balanced, I would change nothing.", "fine"),
    ("The guitars and the keyboard are too loud, and the voice is too few.",
     "other down moderate, vocals up moderate"),
    ("The drum set is a little bit too loud, please take it back a little.",
     "drums down moderate"),
    ("I find the bass is much too loud, it makes everything dirty. Reduce it strongly.",
     "bass down large"),
    ("The voice of the singer is very in the background, it needs to come forward very much.",
     "vocals up large"),
    ("The strings are louder than the voice, but this is maybe wanted.", "refuse"),
    ("Bass and drum please both raise a little, the rest stays like it is.",
     "drums up moderate, bass up moderate, other leave, vocals leave"),
    ("The piano should be 3 until 4 dB more loud.", "other up moderate 3.5"),
    ("Is the volume of the choir correct? I am not sure.", "refuse"),
    ("The vocal is not too loud, it is good like this.", "vocals leave"),
    ("Please lower the synthesizers of 2 dB and raise the voice of 2 dB.",
     "other down moderate 2, vocals up moderate 2"),
    ("The kick is a little too low, ah no, excuse me, it is a little too high. Lower it.",
     "drums down moderate"),
    ("All the instruments are too loud compared to the voice, lower all instruments of "
     "2,5 dB.", "drums down moderate 2.5, bass down moderate 2.5, other down moderate 2.5"),
    ("The sound of the guitars is too sharp, maybe an equalizer. The volumes of all parts "
     "are correct.", "fine"),
    ("The hi-hat is very strong, it hurts in the ears. Please reduce it very much.",
     "drums down large"),
    ("The 808 is drowned by the kick.", "bass up large"),
    ("Either the brass is too loud or the voice is too quiet, I cannot decide.", "refuse"),
    ("The backing chorus is a bit too present, please turn it down a bit.",
     "vocals down moderate"),
    ("The total loudness is too low, please make the whole song louder.", "refuse"),
    ("Make the bass 0,5 dB more loud, the rest is perfect.",
     "drums leave, bass up moderate 0.5, other leave, vocals leave"),
    ("The snare has too much reverberation, it sounds like in a church.", "refuse"),
    ("Vocals: I would go up with them about 7 dB, they are nearly not hearable.",
     "vocals up large 7"),
    ("The organ I would take down some dB, and the voice I would leave.",
     "other down moderate, vocals leave"),
    ("Everything is fine except the percussion, this one is a little too loud.",
     "drums down moderate, bass leave, other leave, vocals leave"),
    ("The bass is masking the kick.", "refuse"),
    ("The pads cover the voice, so the pads must go down one or two dB.",
     "other down moderate 1.5"),
    ("Could you make the voice more loud? Or maybe it is only my headphones.", "refuse"),
    ("The lead vocal and the harmonies, both please more loud, about 2 dB.",
     "vocals up moderate 2"),
    ("Very nice mix! Congratulation, nothing to correct.", "fine"),
    ("The bass guitar is too silent, please turn it up very much.", "bass up large"),
    ("The voice and the guitar are fighting, I would make it more quiet.", "refuse"),

    # Voice 7: LLM answer in a strict-but-messy format
    ("Stem | Change\ndrums | -2 dB\nbass | 0\nother | 0\nvocals | +3 dB",
     "drums down moderate 2, bass leave, other leave, vocals up moderate 3"),
    ("drums: -2dB\nvocals: +1dB", "drums down moderate 2, vocals up moderate 1"),
    ("bass: +8 dB (currently inaudible)", "bass up large 8"),
    ("verdict: balanced\nchanges: none", "fine"),
    ("- stem: other\n  action: decrease\n  amount: 1.5 dB", "other down moderate 1.5"),
    ("Recommendation: N/A — unable to assess the balance from the provided audio.", "refuse"),
    ("| Stem | Change |\n| drums | up a bit |\n| vocals | down a lot |",
     "drums up moderate, vocals down large"),
    ("drums: ok\nbass: ok\nother: ok\nvocals: ok", "fine"),
    ("vocals: +2 dB\nvocals: correction -> -2 dB", "vocals down moderate 2"),
    ("other: -3 to -4 dB", "other down moderate 3.5"),
    ("drums: +2 dB OR other: -2 dB", "refuse"),
    ("notes: vocals slightly sibilant; no level change required for any stem", "fine"),
    ("bass: ??? (cannot determine, sub content below playback range)", "refuse"),
    ("kick: -1 dB\nsnare: -1 dB\nbass: leave\nvocals: leave",
     "drums down moderate 1, bass leave, vocals leave"),
    ("kick: +2 dB\nsnare: -2 dB", "refuse"),
    ("Stem | Change\n---|---\nall except vocals | -1.5 dB",
     "drums down moderate 1.5, bass down moderate 1.5, other down moderate 1.5"),
    ("loudness: -7 LUFS (too hot)\nbalance: n/a", "refuse"),
    ("action: raise\ntarget: backing vocals, harmonies\namount: a couple of dB",
     "vocals up moderate 2"),
    ("drums: down (significantly)\nbass: unchanged", "drums down large, bass leave"),
    ("1. Guitars: lower by 1 dB\n2. Keys: lower by 1 dB\n3. Vocals: no change",
     "other down moderate 1, vocals leave"),
    ("summary: the guitars are louder than the vocals.\nrecommendation: none", "refuse"),
    ("summary: guitars louder than vocals\nrecommendation: guitars -2 dB",
     "other down moderate 2"),
    ("changes:\n  drums: 0\n  bass: 0\n  other: 0\n  vocals: 0", "fine"),
    ("```\nvocals: up\nmagnitude: large\n```", "vocals up large"),
    ("other: -12 dB (lead synth overwhelms the mix)", "other down large 12"),
    ("Stem | Change\nbass | +1 dB ... actually +0.5 dB is enough", "bass up moderate 0.5"),
    ("drums: +1 dB (maybe? low confidence, consider ignoring)", "refuse"),
    ("Stem | Issue\nvocals | harsh at 3 kHz\ndrums | boomy toms", "refuse"),
    ("target: instrumental\naction: lower\namount: 2-3 dB",
     "drums down moderate 2.5, bass down moderate 2.5, other down moderate 2.5"),
    ("bass: +half a dB\nothers: fine",
     "drums leave, bass up moderate 0.5, other leave, vocals leave"),
    ("Q: are the vocals too loud?\nA: (no answer)", "refuse"),
    ("strings/pads/piano: +2 dB each", "other up moderate 2"),
    ("drums | ↓ a touch\nvocals | ↑ a touch", "drums down moderate, vocals up moderate"),
    ("- stem: drums\n  change: turn the toms and ride down\n  size: large",
     "drums down large"),
)
