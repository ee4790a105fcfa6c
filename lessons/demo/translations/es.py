"""Spanish (es): the Grammar → Tenses path of the demo curriculum.

English source text → its translation. The English that a lesson teaches (examples, dialogue
lines, words, questions about English, options, answers, items) is not listed: it stays
English in the translated lesson. Inline markup (<b>, <i>) is kept around the same words.
"""

TEXTS: dict[str, str] = {
    # --- Grammar ------------------------------------------------------------------------------
    "Grammar": "Gramática",
    "grammar": "gramatica",
    "The structures of English, explained simply, with examples and practice.": (
        "Las estructuras del inglés, explicadas con sencillez, con ejemplos y práctica."
    ),
    # --- Tenses -------------------------------------------------------------------------------
    "Tenses": "Tiempos verbales",
    "tenses": "tiempos-verbales",
    "Present, past and perfect: when to use each tense and how to build it.": (
        "Presente, pasado y perfecto: cuándo usar cada tiempo y cómo se forma."
    ),
    # --- Shared by several lessons ------------------------------------------------------------
    "Practice": "Práctica",
    # --- Present simple -----------------------------------------------------------------------
    "Present simple: habits and routines": "Presente simple: hábitos y rutinas",
    "present-simple-habits-and-routines": "presente-simple-habitos-y-rutinas",
    "Talk about what you do every day, how often you do it, and facts that are always true.": (
        "Habla de lo que haces cada día, de con qué frecuencia lo haces y de hechos que "
        "siempre son ciertos."
    ),
    "When do we use the present simple?": "¿Cuándo usamos el presente simple?",
    "We use the present simple for <b>habits</b>, <b>routines</b> and <b>facts</b> that are "
    "always or generally true: <i>I drink coffee every morning. Water boils at 100 "
    "degrees.</i>": (
        "Usamos el presente simple para <b>hábitos</b>, <b>rutinas</b> y <b>hechos</b> que "
        "son siempre o generalmente ciertos: <i>I drink coffee every morning. Water boils at "
        "100 degrees.</i>"
    ),
    "How do we make it?": "¿Cómo se forma?",
    "<b>I / you / we / they</b> + verb: <i>They work in a hospital.</i>": (
        "<b>I / you / we / they</b> + verbo: <i>They work in a hospital.</i>"
    ),
    "<b>he / she / it</b> + verb + <b>-s</b>: <i>She works in a hospital.</i>": (
        "<b>he / she / it</b> + verbo + <b>-s</b>: <i>She works in a hospital.</i>"
    ),
    "Negatives: <b>don't / doesn't</b> + verb: <i>He doesn't eat meat.</i>": (
        "Negativas: <b>don't / doesn't</b> + verbo: <i>He doesn't eat meat.</i>"
    ),
    "Questions: <b>do / does</b> + subject + verb: <i>Do you like tea? Where does she live?</i>": (
        "Preguntas: <b>do / does</b> + sujeto + verbo: <i>Do you like tea? Where does she live?</i>"
    ),
    "Yes/no questions go up": "Las preguntas de sí o no suben al final",
    "Do you like tea? The voice rises at the end of a yes/no question.": (
        "Do you like tea? La voz sube al final de una pregunta de sí o no."
    ),
    "Spelling of the <b>-s</b> form: add <b>-es</b> after -s, -sh, -ch, -x and -o (<i>watches, "
    "goes</i>); change consonant + <b>-y</b> to <b>-ies</b> (<i>study → studies</i>); "
    "<i>have</i> becomes <i>has</i>.": (
        "Ortografía de la forma en <b>-s</b>: añade <b>-es</b> después de -s, -sh, -ch, -x y -o "
        "(<i>watches, goes</i>); cambia consonante + <b>-y</b> por <b>-ies</b> (<i>study → "
        "studies</i>); <i>have</i> pasa a ser <i>has</i>."
    ),
    "After <b>does</b> and <b>doesn't</b> the verb loses its -s. Say <i>Does she like it?</i> "
    "and <i>She doesn't like it</i>, not <i>Does she likes it?</i>": (
        "Después de <b>does</b> y <b>doesn't</b>, el verbo pierde la -s. Di <i>Does she like "
        "it?</i> y <i>She doesn't like it</i>, no <i>Does she likes it?</i>"
    ),
    "Words for how often": "Palabras de frecuencia",
    "In most cases; most of the time.": "Normalmente; la mayor parte del tiempo.",
    "Many times; frequently.": "Muchas veces; con frecuencia.",
    "Almost never.": "Casi nunca.",
    "Frequency adverbs go <b>before</b> the main verb but <b>after</b> the verb <i>be</i>: "
    "<i>I often cook</i>, but <i>I am often late</i>.": (
        "Los adverbios de frecuencia van <b>antes</b> del verbo principal, pero <b>después</b> "
        "del verbo <i>be</i>: <i>I often cook</i>, pero <i>I am often late</i>."
    ),
    "A typical day": "Un día normal",
    "With he, she and it, the present simple verb takes -s: she goes.": (
        "Con he, she e it, el verbo en presente simple lleva -s: she goes."
    ),
    "He lives, he doesn't like (no -s after doesn't), he studies (y → ies).": (
        "He lives, he doesn't like (sin -s después de doesn't), he studies (y → ies)."
    ),
    "Put the words in order to make a question.": "Ordena las palabras para formar una pregunta.",
    "Question word + does + subject + verb: Where does your sister work?": (
        "Palabra interrogativa + does + sujeto + verbo: Where does your sister work?"
    ),
    # --- Present continuous -------------------------------------------------------------------
    "Present continuous: what is happening now": "Presente continuo: lo que está pasando ahora",
    "present-continuous-what-is-happening-now": "presente-continuo-lo-que-esta-pasando-ahora",
    "Describe actions in progress, temporary situations and your plans for the near future.": (
        "Describe acciones en curso, situaciones temporales y tus planes para el futuro próximo."
    ),
    "Actions in progress": "Acciones en curso",
    "The present continuous is <b>am / is / are + verb-ing</b>. We use it for:": (
        "El presente continuo es <b>am / is / are + verbo-ing</b>. Lo usamos para:"
    ),
    "actions happening <b>now</b>: <i>Shh, the baby is sleeping.</i>": (
        "acciones que ocurren <b>ahora</b>: <i>Shh, the baby is sleeping.</i>"
    ),
    "<b>temporary</b> situations: <i>I'm staying with friends this week.</i>": (
        "situaciones <b>temporales</b>: <i>I'm staying with friends this week.</i>"
    ),
    "fixed <b>plans</b> for the future: <i>We're meeting Ana at six tomorrow.</i>": (
        "<b>planes</b> fijos para el futuro: <i>We're meeting Ana at six tomorrow.</i>"
    ),
    "Spelling of <b>-ing</b>: drop a final -e (<i>make → making</i>), double one final "
    "consonant after a short stressed vowel (<i>run → running, sit → sitting</i>), and change "
    "-ie to -y (<i>lie → lying</i>).": (
        "Ortografía de <b>-ing</b>: quita la -e final (<i>make → making</i>), duplica la "
        "consonante final después de una vocal corta acentuada (<i>run → running, sit → "
        "sitting</i>) y cambia -ie por -y (<i>lie → lying</i>)."
    ),
    "Verbs for states, not actions — <i>know, like, want, believe, own, understand</i> — are "
    "not usually continuous. Say <i>I know the answer</i>, not <i>I am knowing the "
    "answer</i>.": (
        "Los verbos de estado, no de acción (<i>know, like, want, believe, own, "
        "understand</i>), no suelen usarse en forma continua. Di <i>I know the answer</i>, no "
        "<i>I am knowing the answer</i>."
    ),
    "Now; during this period.": "Ahora; en esta temporada.",
    "On the phone": "Al teléfono",
    "Which sentences are correct? Choose all that apply.": (
        "¿Qué oraciones son correctas? Elige todas las que lo sean."
    ),
    "Understand and want are state verbs, so they stay in the present simple: I understand "
    "you, he wants a new phone.": (
        "Understand y want son verbos de estado, así que se quedan en presente simple: "
        "I understand you, he wants a new phone."
    ),
    "Both actions are happening now: is + -ing.": (
        "Las dos acciones están ocurriendo ahora: is + -ing."
    ),
    "Look around you. Say one thing you are doing and one thing somebody near you is doing "
    "right now.": (
        "Mira a tu alrededor. Di en inglés una cosa que estás haciendo y una cosa que está "
        "haciendo alguien cerca de ti ahora mismo."
    ),
    "Use I'm + -ing for yourself and he's / she's + -ing for the other person.": (
        "Usa I'm + -ing para hablar de ti y he's / she's + -ing para la otra persona."
    ),
    # --- Past simple --------------------------------------------------------------------------
    "Past simple: regular and irregular verbs": "Pasado simple: verbos regulares e irregulares",
    "past-simple-regular-and-irregular-verbs": "pasado-simple-verbos-regulares-e-irregulares",
    "Tell stories and talk about finished events with the past simple.": (
        "Cuenta historias y habla de hechos terminados con el pasado simple."
    ),
    "Finished actions": "Acciones terminadas",
    "We use the past simple for actions that finished at a time in the past, often with "
    "<i>yesterday, last week, in 2019</i> or <i>two days ago</i>: <i>I called my mum "
    "yesterday.</i>": (
        "Usamos el pasado simple para acciones que terminaron en un momento del pasado, a "
        "menudo con <i>yesterday, last week, in 2019</i> o <i>two days ago</i>: <i>I called my "
        "mum yesterday.</i>"
    ),
    "<b>Regular verbs</b> add <b>-ed</b>: <i>work → worked, play → played</i>. <b>Irregular "
    "verbs</b> have their own forms, and you need to learn them: <i>go → went, see → saw, buy "
    "→ bought, have → had, make → made, take → took</i>.": (
        "Los <b>verbos regulares</b> añaden <b>-ed</b>: <i>work → worked, play → played</i>. "
        "Los <b>verbos irregulares</b> tienen formas propias que hay que aprender: <i>go → "
        "went, see → saw, buy → bought, have → had, make → made, take → took</i>."
    ),
    "Negatives and questions use <b>did</b> + the base verb for every verb: <i>I didn't go. "
    "Did you see it?</i>": (
        "Las negativas y las preguntas usan <b>did</b> + la forma base del verbo, con todos "
        "los verbos: <i>I didn't go. Did you see it?</i>"
    ),
    "Three sounds for <b>-ed</b>: /t/ after voiceless sounds (<i>walked, watched</i>), /d/ "
    "after voiced sounds (<i>played, lived</i>) and an extra syllable /ɪd/ after t and d "
    "(<i>wanted, needed</i>).": (
        "Tres sonidos para <b>-ed</b>: /t/ después de sonidos sordos (<i>walked, watched</i>), "
        "/d/ después de sonidos sonoros (<i>played, lived</i>) y una sílaba más, /ɪd/, después "
        "de t y d (<i>wanted, needed</i>)."
    ),
    "Before now; used after a length of time.": (
        "Antes de ahora, como «hace»; va después de un periodo de tiempo."
    ),
    "Last weekend": "El fin de semana pasado",
    "Match each verb with its past simple form.": "Une cada verbo con su forma en pasado simple.",
    "Go and see are irregular (went, saw); stay is regular (stayed).": (
        "Go y see son irregulares (went, saw); stay es regular (stayed)."
    ),
    "In which verb does -ed add an extra syllable, /ɪd/?": (
        "¿En qué verbo añade -ed una sílaba más, /ɪd/?"
    ),
    "After t and d, -ed is pronounced /ɪd/: want-ed.": (
        "Después de t y d, -ed se pronuncia /ɪd/: want-ed."
    ),
    # --- Present perfect ----------------------------------------------------------------------
    "Present perfect or past simple?": "¿Presente perfecto o pasado simple?",
    "present-perfect-or-past-simple": "presente-perfecto-o-pasado-simple",
    "Choose between 'I've lost my keys' and 'I lost my keys yesterday', and use for, since, "
    "ever and never.": (
        "Elige entre 'I've lost my keys' e 'I lost my keys yesterday', y aprende a usar for, "
        "since, ever y never."
    ),
    "Two ways to talk about the past": "Dos maneras de hablar del pasado",
    "The <b>past simple</b> describes a finished action at a finished time: <i>I lost my keys "
    "yesterday.</i> The time is over, and often it is said.": (
        "El <b>pasado simple</b> describe una acción terminada en un tiempo terminado: <i>I "
        "lost my keys yesterday.</i> Ese tiempo ya pasó, y a menudo se dice cuándo."
    ),
    "The <b>present perfect</b> (<b>have / has</b> + past participle) connects the past with "
    "<b>now</b>. We use it for:": (
        "El <b>presente perfecto</b> (<b>have / has</b> + participio pasado) une el pasado con "
        "el <b>ahora</b>. Lo usamos para:"
    ),
    "experiences in your life, without a time: <i>Have you ever been to Japan?</i>": (
        "experiencias de tu vida, sin decir cuándo: <i>Have you ever been to Japan?</i>"
    ),
    "past actions with a result now: <i>I've lost my keys</i> (I can't get in)": (
        "acciones pasadas con un resultado en el presente: <i>I've lost my keys</i> (no puedo "
        "entrar)"
    ),
    "situations that started in the past and continue: <i>She has lived here since 2015.</i>": (
        "situaciones que empezaron en el pasado y continúan: <i>She has lived here since 2015.</i>"
    ),
    "Past simple: a finished moment. Present perfect: a past action that matters now.": (
        "Pasado simple: un momento terminado. Presente perfecto: una acción pasada que importa "
        "ahora."
    ),
    "A visual guide to the perfect tenses (EnglishAnyone).": (
        "Una guía visual de los tiempos perfectos (EnglishAnyone)."
    ),
    "Do not use the present perfect with a finished time: say <i>I saw that film last "
    "night</i>, not <i>I have seen that film last night</i>.": (
        "No uses el presente perfecto con un tiempo terminado: di <i>I saw that film last "
        "night</i>, no <i>I have seen that film last night</i>."
    ),
    "<b>for</b> + a length of time (<i>for ten years, for a week</i>); <b>since</b> + a "
    "starting point (<i>since 2015, since Monday, since I was a child</i>).": (
        "<b>for</b> + una duración (<i>for ten years, for a week</i>); <b>since</b> + un punto "
        "de partida (<i>since 2015, since Monday, since I was a child</i>)."
    ),
    "Catching up": "Poniéndose al día",
    "The loss matters now (we need to find them), so we use the present perfect.": (
        "La pérdida importa ahora (hay que encontrarlas), así que usamos el presente perfecto."
    ),
    "Since 2018 continues until now (present perfect); the job in Porto is finished (past "
    "simple).": (
        "Since 2018 llega hasta ahora (presente perfecto); el trabajo en Oporto ya terminó "
        "(pasado simple)."
    ),
    "Moved is past simple, a finished action, so it goes with ago.": (
        "Moved está en pasado simple, una acción terminada, así que va con ago."
    ),
}
