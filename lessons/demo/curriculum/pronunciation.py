"""Pronunciation: difficult sounds, silent letters, word stress, intonation, connected speech."""

from lessons.demo.spec import (
    CategorySpec,
    LessonSpec,
    SubcategorySpec,
    audio,
    choice,
    gaps,
    heading,
    image,
    match,
    mistake,
    paragraph,
    say,
    tip,
    video,
    word,
)

TH_SOUNDS = LessonSpec(
    title="The 'th' sounds: /θ/ and /ð/",
    intro="Say think, this, three and mother clearly, and hear the difference between the "
    "two 'th' sounds.",
    difficulty="beginner",
    cefr_level="A2",
    estimated_duration=15,
    slug="th-sounds",
    body=[
        heading("Two sounds, one spelling"),
        paragraph(
            "<p>Put the tip of your tongue lightly between your teeth and blow air out. "
            "That is <b>/θ/</b>, the <b>voiceless</b> 'th' in <i>think, three, bath, "
            "month</i>. Now do the same and use your voice: that is <b>/ð/</b>, the "
            "<b>voiced</b> 'th' in <i>this, they, mother, breathe</i>.</p>"
        ),
        tip(
            "<p>Put your hand on your throat. For /ð/ you feel a buzz; for /θ/ you feel "
            "nothing.</p>"
        ),
        mistake(
            "<p>Don't replace 'th' with /s/, /f/, /t/ or /d/: <i>I think</i> can sound like "
            "<i>I sink</i>, and <i>three</i> like <i>tree</i> or <i>free</i>.</p>"
        ),
        word("think", "/θɪŋk/", "verb", "To have an idea or opinion.", "I think it's a good plan."),
        word(
            "breath",
            "/breθ/",
            "noun",
            "The air that goes in and out of your lungs.",
            "Take a deep breath.",
        ),
        word(
            "breathe",
            "/briːð/",
            "verb",
            "To take air into your lungs and let it out.",
            "Breathe in slowly through your nose.",
        ),
        word(
            "clothes",
            "/kləʊðz/",
            "noun",
            "Things you wear, such as shirts and trousers.",
            "I need to buy some new clothes.",
        ),
        heading("Practice"),
        choice(
            "Which words have the voiced sound /ð/? Choose all that apply.",
            ["this", "think", "mother", "bath", "they"],
            correct=["this", "mother", "they"],
            allow_multiple=True,
            explanation="This, mother and they are voiced /ð/; think and bath are voiceless /θ/.",
        ),
        match(
            "Voiceless /θ/ or voiced /ð/? Drag each word to its sound.",
            [
                ("thank", "/θ/"),
                ("those", "/ð/"),
                ("month", "/θ/"),
                ("weather", "/ð/"),
                ("teeth", "/θ/"),
            ],
        ),
        say(
            "Repeat this sentence slowly, then at normal speed.",
            "I think these three things are worth thinking about.",
            explanation="Keep your tongue between your teeth for every 'th'.",
        ),
    ],
)

SHIP_OR_SHEEP = LessonSpec(
    title="Short and long vowels: ship or sheep?",
    intro="Hear and say the difference between /ɪ/ and /iː/, and stop leaving when you mean "
    "living.",
    difficulty="beginner",
    cefr_level="A2",
    estimated_duration=15,
    body=[
        heading("/ɪ/ and /iː/"),
        paragraph(
            "<p><b>/ɪ/</b> is short and relaxed: <i>ship, live, fill, sit</i>. <b>/iː/</b> "
            "is long, with your lips spread as if smiling: <i>sheep, leave, feel, seat</i>. "
            "Pairs like these, different in only one sound, are called <b>minimal pairs</b>.</p>"
        ),
        word("ship", "/ʃɪp/", "noun", "A large boat that carries people or goods by sea."),
        word("sheep", "/ʃiːp/", "noun", "A farm animal kept for its wool and meat."),
        word("live", "/lɪv/", "verb", "To have your home somewhere.", "I live in Lisbon."),
        word("leave", "/liːv/", "verb", "To go away from a place.", "I leave work at six."),
        tip(
            "<p>Exaggerate when you practise: make /iː/ really long and smile, and make /ɪ/ "
            "short and lazy. In real speech the difference will still be clear.</p>"
        ),
        heading("Practice"),
        choice(
            "Which word has the long sound /iː/?",
            ["sit", "seat", "fit", "hill"],
            correct="seat",
        ),
        match(
            "Short /ɪ/ or long /iː/?",
            [
                ("ship", "/ɪ/"),
                ("sheep", "/iː/"),
                ("fill", "/ɪ/"),
                ("feel", "/iː/"),
                ("bit", "/ɪ/"),
                ("beat", "/iː/"),
            ],
        ),
        say(
            "Repeat after me, keeping the short and long sounds different.",
            "Sit in this seat and eat your fish.",
            explanation="Sit, in, this, fish: short /ɪ/. Seat, eat: long /iː/.",
        ),
    ],
)

SILENT_LETTERS = LessonSpec(
    title="Silent letters and tricky words",
    intro="Why knife has no k sound and Wednesday has only two syllables.",
    difficulty="intermediate",
    cefr_level="B1",
    estimated_duration=15,
    body=[
        heading("Letters you don't say"),
        paragraph(
            "<p>Many English words keep letters that stopped being pronounced centuries "
            "ago:</p><ul><li><b>k</b> before n: <i>knife, know, knee</i></li><li><b>b</b> "
            "after m and in -bt: <i>climb, comb, doubt</i></li><li><b>w</b> before r: "
            "<i>write, wrong</i>; and in <i>answer, sword</i></li><li><b>l</b> in <i>walk, "
            "talk, half, could, should</i></li><li><b>t</b> in <i>listen, castle, often</i> "
            "(many people do say the t in often)</li><li><b>h</b> in <i>hour, honest</i></li>"
            "</ul>"
        ),
        video(
            "https://www.youtube.com/watch?v=eCLEYJSReLI",
            caption="6 Minute English: difficult pronunciation (BBC Learning English).",
        ),
        word("Wednesday", "/ˈwenzdeɪ/", "noun", "The day after Tuesday.", "See you on Wednesday."),
        word(
            "island",
            "/ˈaɪlənd/",
            "noun",
            "A piece of land with water all around it.",
            "We spent a week on a Greek island.",
        ),
        word(
            "receipt",
            "/rɪˈsiːt/",
            "noun",
            "A piece of paper that shows you have paid.",
            "Keep the receipt in case you want to return it.",
        ),
        word(
            "comfortable",
            "/ˈkʌmftəbl/",
            "adjective",
            "Pleasant to sit in, wear or be in.",
            "These shoes are really comfortable.",
        ),
        heading("Practice"),
        match(
            "Which letter is silent? Match each word with its silent letter.",
            [
                ("knife", "k"),
                ("climb", "b"),
                ("listen", "t"),
                ("island", "s"),
                ("write", "w"),
                ("half", "l"),
            ],
        ),
        choice(
            "In which word is the letter b silent?",
            ["doubt", "bubble", "number", "rabbit"],
            correct="doubt",
        ),
        say(
            "Repeat after me without saying the silent letters.",
            "I doubt the knight knew the answer on Wednesday.",
            explanation="doubt /daʊt/, knight /naɪt/, knew /njuː/, answer /ˈɑːnsə/, Wednesday "
            "/ˈwenzdeɪ/.",
        ),
    ],
)

WORD_STRESS = LessonSpec(
    title="Word stress",
    intro="Every word has a strong syllable. Put it in the right place and people understand "
    "you much more easily.",
    difficulty="intermediate",
    cefr_level="B1",
    estimated_duration=20,
    cover="word-stress",
    body=[
        heading("The strong syllable"),
        paragraph(
            "<p>In every word of two or more syllables, one syllable is <b>stressed</b>: it is "
            "longer, louder and higher. The other syllables are weaker, and their vowel is "
            "often the short sound /ə/. Dictionaries mark the stress with ˈ: /bəˈnɑːnə/.</p>"
        ),
        image(
            "word-stress",
            caption="The stress moves inside a word family: PHOtograph, phoTOgraphy, photoGRAPHic.",
        ),
        audio(
            "stress-Ooo",
            title="The rhythm of PHOtograph",
            transcript="Three beats: one long and loud, then two short and quiet — "
            "DA-da-da, like PHO-to-graph.",
        ),
        audio(
            "stress-oOo",
            title="The rhythm of baNAna",
            transcript="Three beats: short, long and loud, short — da-DA-da, like ba-NA-na.",
        ),
        word(
            "photograph",
            "/ˈfəʊtəɡrɑːf/",
            "noun",
            "A picture made with a camera.",
            "This photograph was taken in 1950.",
            audio="stress-Ooo",
        ),
        word(
            "photographer",
            "/fəˈtɒɡrəfə/",
            "noun",
            "A person who takes photographs, especially as a job.",
        ),
        word(
            "hotel",
            "/həʊˈtel/",
            "noun",
            "A building where you pay to stay the night.",
            "Our hotel is near the beach.",
            audio="stress-oO",
        ),
        tip(
            "<p>Many two-syllable words are nouns stressed on the first syllable and verbs "
            "stressed on the second: <i>a REcord / to reCORD, a PREsent / to preSENT</i>.</p>"
        ),
        heading("Practice"),
        choice(
            "Where is the stress in 'photographer'?",
            [
                "the 1st syllable: pho",
                "the 2nd syllable: to",
                "the 3rd syllable: gra",
                "the 4th syllable: pher",
            ],
            correct="the 2nd syllable: to",
            explanation="pho-TO-gra-pher, /fəˈtɒɡrəfə/: the stress moves from the 1st "
            "syllable of PHOtograph to the 2nd.",
        ),
        match(
            "Match each word with its stress pattern (O = stressed, o = unstressed).",
            [
                ("banana", "oOo"),
                ("photograph", "Ooo"),
                ("hotel", "oO"),
                ("table", "Oo"),
                ("computer", "oOo"),
            ],
        ),
        say(
            "Say the word family. Make the stressed syllable long and loud.",
            "photograph, photography, photographic",
            explanation="PHOtograph, phoTOgraphy, photoGRAPHic.",
        ),
    ],
)

INTONATION = LessonSpec(
    title="Rising and falling intonation",
    intro="Let your voice go up and down in the right places to ask, answer and sound friendly.",
    difficulty="intermediate",
    cefr_level="B1",
    estimated_duration=15,
    cover="intonation",
    body=[
        heading("Up or down?"),
        paragraph(
            "<p>The <b>fall</b> ↘ is the normal ending: statements, wh- questions (<i>what, "
            "where, why…</i>) and instructions. The <b>rise</b> ↗ shows that something is "
            "open: yes/no questions, surprise (<i>Really?</i>) and items in a list before the "
            "last one.</p>"
        ),
        image("intonation"),
        audio(
            "rising",
            title="A rising tone",
            transcript="The pitch goes up, as at the end of 'Are you ready?'",
        ),
        audio(
            "falling",
            title="A falling tone",
            transcript="The pitch goes down, as at the end of 'Where do you live?'",
        ),
        tip(
            "<p>Question tags change meaning with intonation. <i>It's cold, isn't it?</i> ↘ "
            "means you expect agreement; ↗ means you are really asking.</p>"
        ),
        heading("Practice"),
        choice(
            "Which question usually ends with a rising tone?",
            ["Where do you work?", "What's your name?", "Do you like coffee?", "Why are you late?"],
            correct="Do you like coffee?",
            explanation="Yes/no questions usually rise; wh- questions usually fall.",
        ),
        match(
            "Rising or falling? Drag each sentence to its tone.",
            [
                ("Are you ready?", "rising"),
                ("Where do you live?", "falling"),
                ("I'm from Brazil.", "falling"),
                ("Really?", "rising"),
                ("Close the door, please.", "falling"),
            ],
        ),
        say(
            "Offer a choice. Let your voice rise on the first option and fall on the last.",
            "Would you like tea or coffee?",
            explanation="Tea ↗ or coffee ↘: the fall tells the listener the list is finished.",
        ),
    ],
)

CONNECTED_SPEECH = LessonSpec(
    title="Connected speech: linking and weak forms",
    intro="Understand fast, natural English and sound more fluent: how words join, shrink and "
    "disappear.",
    difficulty="advanced",
    cefr_level="C1",
    estimated_duration=20,
    body=[
        heading("Words don't come one at a time"),
        paragraph(
            "<ul><li><b>Linking</b>: a final consonant joins the next vowel: <i>turn off</i> "
            "sounds like <i>tur-noff</i>, <i>pick it up</i> like <i>pi-ki-tup</i>.</li>"
            "<li><b>Weak forms</b>: small words lose their vowel: <i>to</i> /tə/, <i>of</i> "
            "/əv/, <i>and</i> /ən/, <i>can</i> /kən/: <i>a cup of tea</i> /ə ˈkʌp əv ˈtiː/."
            "</li><li><b>Elision</b>: a sound disappears between consonants: <i>next door</i> "
            "→ <i>nex door</i>, <i>last night</i> → <i>las night</i>.</li><li><b>Intrusion</b>: "
            "a small /j/ or /w/ appears between vowels: <i>I am</i> → <i>I-y-am</i>, <i>go "
            "on</i> → <i>go-w-on</i>.</li></ul>"
        ),
        video(
            "https://www.youtube.com/watch?v=p4X2IVigD1c",
            caption="Better Speaking: how to improve your accent (BBC Learning English).",
        ),
        word(
            "schwa",
            "/ʃwɑː/",
            "noun",
            "The most common vowel sound in English, /ə/, heard in unstressed syllables.",
            "The first 'a' in 'banana' is a schwa.",
        ),
        mistake(
            "<p>Stressing every word makes you sound angry or robotic. Keep the weak forms "
            "weak: <i>I want to go</i> is /aɪ ˈwɒnt tə ˈɡəʊ/, not /aɪ ˈwɒnt ˈtuː ˈɡəʊ/.</p>"
        ),
        heading("Practice"),
        gaps(
            "In relaxed speech 'want to' often sounds like {1}, and 'going to' like {2}.",
            ["wanna", "gonna"],
            explanation="Common in speech and song lyrics; write them in full in formal texts.",
        ),
        choice(
            "In which phrases does a final consonant link to a vowel? Choose all that apply.",
            ["turn off", "pick it up", "black cat", "an apple", "big dog"],
            correct=["turn off", "pick it up", "an apple"],
            allow_multiple=True,
        ),
        say(
            "Say this question naturally, with weak forms and linking.",
            "What are you going to do at the weekend?",
            explanation="/ˈwɒt ə jə ˈɡəʊɪŋ tə ˈduː ət ðə ˌwiːkˈend/ — are, you, to and at are "
            "all weak.",
        ),
    ],
)

PRONUNCIATION = CategorySpec(
    title="Pronunciation",
    intro="Sounds, stress and intonation: speak clearly and understand natural English.",
    image="pronunciation",
    subcategories=[
        SubcategorySpec(
            title="Sounds",
            intro="The vowels and consonants learners find hardest, and the letters nobody says.",
            image="sounds",
            lessons=[TH_SOUNDS, SHIP_OR_SHEEP, SILENT_LETTERS],
        ),
        SubcategorySpec(
            title="Stress and intonation",
            intro="The music of English: strong syllables, rising and falling voices, and "
            "words that run together.",
            image="stress-and-intonation",
            lessons=[WORD_STRESS, INTONATION, CONNECTED_SPEECH],
        ),
    ],
)
