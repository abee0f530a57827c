"""Demo content (Danish) for the SSP-uddannelsen modules and lessons."""

MODULES: list[dict] = [
    {
        "slug": "grundmodul",
        "title": "Grundmodul: SSP-samarbejdet og kriminalitetsforebyggelse",
        "kind": "grundmodul",
        "summary": (
            "Grundmodulet giver et fælles fundament for alle, der arbejder i "
            "SSP-samarbejdet. Du lærer, hvordan samarbejdet mellem skole, "
            "socialforvaltning og politi er bygget op fra kommunen over politikredsen "
            "til det nationale niveau, og hvordan forebyggelsespyramiden hjælper dig "
            "med at vælge den rette indsats på det rette tidspunkt."
        ),
        "learning_goals": [
            (
                "Du kan forklare SSP-samarbejdets formål og de grundlæggende "
                "principper for tværfagligt, kriminalitetsforebyggende arbejde."
            ),
            (
                "Du kan beskrive SSP-organisationens niveauer i kommunen, i "
                "politikredsen og nationalt og placere din egen rolle i den."
            ),
            (
                "Du kan skelne mellem generel, specifik og individorienteret "
                "forebyggelse og give eksempler på indsatser på hvert niveau."
            ),
            (
                "Du kan bruge viden om risiko- og beskyttelsesfaktorer til at vurdere, "
                "hvornår en bekymring bør drøftes i SSP-regi."
            ),
        ],
        "target_groups": (
            "Alle nye deltagere i SSP-samarbejdet: SSP-konsulenter og -koordinatorer, "
            "lærere, pædagoger og klubmedarbejdere, socialrådgivere, ledere med "
            "SSP-ansvar og politiets forebyggelsesmedarbejdere. Grundmodulet tages før "
            "tilvalgsmodulerne."
        ),
        "expected_hours": 14,
        "lessons": [
            {
                "slug": "hvad-er-ssp-samarbejdet",
                "title": "Hvad er SSP-samarbejdet?",
                "summary": (
                    "Lektionen introducerer SSP-samarbejdets formål og baggrund, de "
                    "principper, der går igen i alle landets kommuner, og de roller, "
                    "som de forskellige faggrupper har i samarbejdet."
                ),
                "body": [
                    (
                        "heading",
                        {"text": "Et samarbejde mellem tre sektorer", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>SSP står for <b>Skole, Socialforvaltning og "
                            "Politi</b>. Samarbejdet voksede frem i 1970'erne ud fra "
                            "en erkendelse af, at ingen af de tre sektorer alene kan "
                            "forebygge kriminalitet blandt børn og unge. Skolen ser "
                            "eleverne hver dag og opdager ofte først, når trivslen "
                            "svigter. Socialforvaltningen har redskaberne til at "
                            "støtte familier og sætte hjælp i gang. Politiet har viden "
                            "om kriminalitetsbilledet og om de unge, der allerede er "
                            "kommet i kontakt med det. Når viden og ressourcer kobles, "
                            "kan indsatsen komme tidligere og blive mere "
                            "sammenhængende.</p><p>I dag findes der et SSP-samarbejde "
                            "i alle landets 98 kommuner. Organiseringen varierer, men "
                            "formålet er det samme: at forebygge, at børn og unge "
                            "begår kriminalitet, og at skabe trygge rammer for deres "
                            "opvækst. Mange kommuner har desuden inddraget flere "
                            "aktører, fx ungdomsskolen, klub- og fritidstilbud, "
                            "sundhedsplejen og boligsociale medarbejdere.</p>"
                        ),
                    ),
                    ("heading", {"text": "Principper, der går igen", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Selvom hver kommune har sin egen model, bygger godt "
                            "SSP-arbejde på nogle fælles "
                            "principper:</p><ul><li><b>Tværfaglighed:</b> Problemer "
                            "løses bedst, når faggrupperne bidrager med hver deres "
                            "perspektiv og respekterer hinandens "
                            "opgaver.</li><li><b>Tidlig indsats:</b> Det er lettere at "
                            "hjælpe et barn, der mistrives, end en ung, der allerede "
                            "er godt på vej ind i "
                            "kriminalitet.</li><li><b>Helhedssyn:</b> Kriminalitet "
                            "hænger ofte sammen med skolegang, familie, venskaber, "
                            "fritid og helbred. Indsatsen skal se hele den "
                            "unge.</li><li><b>Inddragelse:</b> Børn, unge og forældre "
                            "er ikke kun modtagere af en indsats, men "
                            "samarbejdspartnere.</li><li><b>Retssikkerhed:</b> "
                            "Samarbejdet foregår inden for klare juridiske rammer, "
                            "især når der udveksles oplysninger om "
                            "enkeltpersoner.</li></ul>"
                        ),
                    ),
                    ("heading", {"text": "Hvem gør hvad?", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p><b>SSP-konsulenten</b> eller SSP-koordinatoren er "
                            "typisk ansat i kommunen og binder samarbejdet sammen: "
                            "indkalder til møder, følger op på aftaler, samler viden "
                            "om lokale tendenser og rådgiver kolleger. <b>Lærere, "
                            "pædagoger og klubmedarbejdere</b> er tættest på de unge i "
                            "hverdagen og er ofte de første, der ser tegn på "
                            "bekymring. <b>Socialrådgivere</b> vurderer behovet for "
                            "støtte og træffer afgørelser efter den sociale "
                            "lovgivning. <b>Politiets forebyggelsesmedarbejdere</b>, "
                            "fx forebyggelsesbetjente og nærpolitiet, bidrager med "
                            "viden om kriminalitet, holder bekymringssamtaler og "
                            "deltager i det opsøgende arbejde.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "heading": "Et fiktivt eksempel",
                            "text": (
                                "<p>En klubmedarbejder lægger mærke til, at en dreng "
                                "på 13 år – her kaldet Jonas, som er et opdigtet navn "
                                "– pludselig har mange penge og hænger ud med ældre "
                                "unge om aftenen. Klubmedarbejderen drøfter "
                                "bekymringen med SSP-konsulenten, som hjælper med at "
                                "vurdere, om sagen skal videre til et møde med skole, "
                                "socialforvaltning og politi. Eksemplet viser, hvordan "
                                "en observation i hverdagen kan blive starten på en "
                                "koordineret indsats.</p>"
                            ),
                        },
                    ),
                    ("heading", {"text": "Refleksion", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Tænk over din egen arbejdsplads: Hvem er din nærmeste "
                            "SSP-kontakt, og hvornår har du senest drøftet en "
                            "bekymring med en kollega fra en anden sektor? Notér dine "
                            "overvejelser til næste holdsamling, men skriv aldrig "
                            "navne eller andre oplysninger, der kan identificere et "
                            "barn.</p>"
                        ),
                    ),
                ],
            },
            {
                "slug": "ssp-organisationens-niveauer",
                "title": "SSP-organisationens niveauer",
                "summary": (
                    "Lektionen gennemgår, hvordan SSP er organiseret lokalt i "
                    "kommunen, i politikredsen og på nationalt niveau, og hvordan "
                    "niveauerne spiller sammen."
                ),
                "body": [
                    (
                        "heading",
                        {
                            "text": "Den lokale SSP-organisation i kommunen",
                            "level": "h2",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>I de fleste kommuner er SSP-samarbejdet bygget op i "
                            "tre lag, selvom betegnelserne "
                            "varierer:</p><ul><li><b>Styregruppen</b> består af ledere "
                            "fra kommunens forvaltninger – typisk skole-, social- og "
                            "fritidsområdet – og fra politiet. Styregruppen fastlægger "
                            "mål og prioriteringer, afsætter ressourcer og godkender "
                            "den lokale "
                            "SSP-strategi.</li><li><b>Koordinationsgruppen</b>, som "
                            "nogle steder kaldes SSP-udvalget, består af mellemledere "
                            "og nøglepersoner. Den omsætter strategien til handling, "
                            "følger kriminalitetsbilledet og sikrer sammenhæng mellem "
                            "indsatserne.</li><li><b>Lokalgrupperne</b> arbejder tæt "
                            "på børn og unge, ofte i et skoledistrikt eller et "
                            "boligområde. Her mødes lærere, pædagoger, "
                            "klubmedarbejdere, socialrådgivere og politiets lokale "
                            "kontaktperson for at drøfte tendenser og konkrete "
                            "bekymringer.</li></ul><p>SSP-konsulenten er bindeleddet "
                            "mellem lagene og sørger for, at viden fra lokalgrupperne "
                            "når op til beslutningstagerne, og at beslutningerne når "
                            "ud i praksis.</p>"
                        ),
                    ),
                    (
                        "heading",
                        {
                            "text": (
                                "Politikredsen: kredsråd, lokalråd og politiets "
                                "forebyggelse"
                            ),
                            "level": "h2",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Danmark er inddelt i 12 politikredse, og hver kreds "
                            "dækker flere kommuner. I hver politikreds er der et "
                            "<b>kredsråd</b>, som består af politidirektøren og "
                            "borgmestrene i kredsens kommuner. Kredsrådet er det "
                            "strategiske forum for samarbejdet mellem politi og "
                            "kommuner og drøfter blandt andet kriminalitetsudviklingen "
                            "og politiets plan for samarbejdet med lokalsamfundet. I "
                            "kommunerne er der desuden <b>lokalråd</b>, hvor politiet "
                            "og kommunen – ofte sammen med andre lokale aktører – "
                            "drøfter tryghed og forebyggelse tættere på "
                            "borgerne.</p><p>Politiets egen forebyggende indsats er "
                            "samlet i en forebyggelsesenhed i hver kreds. Navn og "
                            "organisering varierer, men enheden rummer typisk "
                            "forebyggelsesbetjente, der deltager i SSP-samarbejdet, "
                            "holder bekymringssamtaler og har fast kontakt til skoler "
                            "og klubber.</p>"
                        ),
                    ),
                    ("heading", {"text": "SSP-Samrådet", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p><b>SSP-Samrådet</b> er et landsdækkende fagligt "
                            "fællesskab for SSP-konsulenter og andre med ansvar for "
                            "SSP-arbejdet. Samrådet er organiseret i kredse, der i vid "
                            "udstrækning følger politikredsene, og skaber rum for "
                            "erfaringsudveksling, faglig udvikling og dialog med "
                            "kredsrådene og de nationale aktører.</p>"
                        ),
                    ),
                    ("heading", {"text": "Det nationale niveau", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>På nationalt niveau understøttes SSP-arbejdet af flere "
                            "aktører. <b>Socialstyrelsen</b> udvikler og formidler "
                            "viden om indsatser for udsatte børn og unge, herunder "
                            "forebyggelse af kriminalitet, og står for "
                            "SSP-uddannelsen. <b>Rigspolitiets Nationale "
                            "Forebyggelsescenter</b> samler og formidler viden om "
                            "kriminalitetsforebyggelse, understøtter politikredsenes "
                            "forebyggende arbejde og er medarrangør af uddannelsen. "
                            "<b>Det Kriminalpræventive Råd (DKR)</b> har gennem årtier "
                            "spillet en central rolle for udviklingen af SSP, og "
                            "arbejdet med at samle viden og netværk om SSP på "
                            "landsplan sker i dag i tæt samspil med Nationalt "
                            "Forebyggelsescenter.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "heading": "Husk sammenhængen",
                            "text": (
                                "<p>Niveauerne er ikke et hierarki, hvor beskeder kun "
                                "går én vej. Godt SSP-arbejde kræver, at erfaringer "
                                "fra lokalgrupperne bliver brugt i styregruppen og "
                                "kredsrådet, og at den nationale viden bliver omsat "
                                "lokalt.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "forebyggelsespyramiden",
                "title": "Forebyggelsespyramiden: tre niveauer af forebyggelse",
                "summary": (
                    "Lektionen præsenterer forebyggelsespyramiden med generel, "
                    "specifik og individorienteret forebyggelse og giver eksempler på "
                    "indsatser på hvert niveau."
                ),
                "body": [
                    (
                        "heading",
                        {
                            "text": "En model til at vælge den rette indsats",
                            "level": "h2",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Forebyggelsespyramiden er et af de mest brugte "
                            "redskaber i SSP-arbejdet. Den deler den forebyggende "
                            "indsats op i tre niveauer efter, hvor bred målgruppen er, "
                            "og hvor stor risikoen er. Nederst i pyramiden ligger den "
                            "brede indsats, der når alle børn og unge. Øverst ligger "
                            "den målrettede indsats over for de forholdsvis få, der "
                            "allerede er på vej ind i kriminalitet. Modellen hjælper "
                            "med at prioritere ressourcerne og sikre, at ingen grupper "
                            "bliver overset.</p>"
                        ),
                    ),
                    ("heading", {"text": "Generel forebyggelse", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Den generelle forebyggelse retter sig mod alle børn og "
                            "unge, uanset om der er en konkret bekymring. Formålet er "
                            "at styrke trivsel, fællesskab og sociale kompetencer og "
                            "at give viden, der gør det lettere at træffe gode valg. "
                            "Eksempler er undervisningsforløb om digital dannelse, "
                            "rusmidler og grænser, forældremøder om unges fritidsliv "
                            "og et bredt udbud af klub- og fritidstilbud. Fordi "
                            "indsatsen henvender sig til alle, stempler den ingen.</p>"
                        ),
                    ),
                    ("heading", {"text": "Specifik forebyggelse", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Den specifikke forebyggelse retter sig mod grupper, "
                            "der er i øget risiko. Det kan være en gruppe unge, der "
                            "samles et bestemt sted om aftenen, en årgang med mange "
                            "konflikter eller et boligområde med uro. Eksempler er "
                            "gadeplansarbejde, målrettede gruppeforløb, "
                            "mentorordninger for unge med højt fravær og samarbejde "
                            "med boligsociale medarbejdere om aktiviteter i "
                            "weekenderne.</p>"
                        ),
                    ),
                    (
                        "heading",
                        {"text": "Individorienteret forebyggelse", "level": "h3"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Den individorienterede forebyggelse retter sig mod det "
                            "enkelte barn eller den enkelte unge, der har begået "
                            "kriminalitet eller er i høj risiko for det. Indsatsen "
                            "tilrettelægges efter den unges situation og sker ofte i "
                            "et tæt samarbejde mellem skole, socialforvaltning og "
                            "politi. Eksempler er bekymringssamtaler med den unge og "
                            "forældrene, en koordineret handleplan, kontaktperson- "
                            "eller mentorordninger og, ved alvorlig kriminalitet, "
                            "forløb i regi af Ungdomskriminalitetsnævnet. På dette "
                            "niveau udveksles der ofte oplysninger om den unge, og "
                            "derfor er kendskab til de juridiske rammer afgørende.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "heading": "Risiko- og beskyttelsesfaktorer",
                            "text": (
                                "<p>Pyramiden hænger tæt sammen med viden om "
                                "<b>risikofaktorer</b> – fx højt skolefravær, venner "
                                "med kriminel adfærd og belastninger i familien – og "
                                "<b>beskyttelsesfaktorer</b> som en stabil "
                                "voksenkontakt, et positivt fællesskab og tilknytning "
                                "til skole eller job. Forebyggelse handler både om at "
                                "mindske risici og om at styrke det, der "
                                "beskytter.</p>"
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "heading": "Undgå at stemple",
                            "text": (
                                "<p>Når en gruppe eller et barn får en målrettet "
                                "indsats, kan det opleves som et stempel. Tænk derfor "
                                "altid over, hvordan indsatsen formidles, og inddrag "
                                "de unge og deres forældre så tidligt som muligt.</p>"
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "slug": "lovgivning-og-informationsudveksling",
        "title": "Lovgivning og informationsudveksling",
        "kind": "tilvalgsmodul",
        "summary": (
            "Modulet giver overblik over de juridiske rammer for at dele oplysninger i "
            "SSP-samarbejdet: tavshedspligten, retsplejelovens § 115 om "
            "SSP-informationsudveksling, servicelovens § 49 b og "
            "databeskyttelsesreglernes krav om nødvendighed og proportionalitet. "
            "Oplysninger om enkelte børn deles kun, når det er nødvendigt for den "
            "kriminalitetsforebyggende indsats."
        ),
        "learning_goals": [
            (
                "Du kan forklare, hvad tavshedspligt indebærer, og hvorfor den er "
                "udgangspunktet i alt SSP-arbejde."
            ),
            (
                "Du kan redegøre for hovedindholdet i retsplejelovens § 115 og for, "
                "hvornår oplysninger om enkeltpersoner må udveksles i SSP-samarbejdet."
            ),
            (
                "Du kan beskrive, hvordan den sociale lovgivning, herunder "
                "servicelovens § 49 b, supplerer reglerne i retsplejeloven."
            ),
            (
                "Du kan anvende principperne om nødvendighed, proportionalitet og "
                "dataminimering, når du forbereder, deltager i og dokumenterer et "
                "møde."
            ),
        ],
        "target_groups": (
            "SSP-konsulenter, medlemmer af lokalgrupper, socialrådgivere, skoleledere "
            "og politiets forebyggelsesmedarbejdere, som deltager i møder, hvor "
            "konkrete børn og unge drøftes."
        ),
        "expected_hours": 7,
        "lessons": [
            {
                "slug": "tavshedspligt-som-udgangspunkt",
                "title": "Tavshedspligt som udgangspunkt",
                "summary": (
                    "Lektionen forklarer, hvorfor tavshedspligten er udgangspunktet i "
                    "SSP-arbejdet, hvad der forstås ved rent private forhold, og "
                    "hvornår der alligevel kan deles oplysninger."
                ),
                "body": [
                    ("heading", {"text": "Hvorfor tavshedspligt?", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Som offentligt ansat får du kendskab til oplysninger "
                            "om børn, unge og familier, som de ikke selv har valgt at "
                            "dele med andre. Tavshedspligten beskytter deres privatliv "
                            "og tilliden til de offentlige myndigheder. Hvis en "
                            "familie frygter, at alt, hvad de fortæller skolen eller "
                            "socialrådgiveren, bliver bragt videre, holder de igen med "
                            "netop de oplysninger, der er nødvendige for at kunne "
                            "hjælpe. Derfor er udgangspunktet i SSP-arbejdet altid, at "
                            "oplysninger om enkeltpersoner ikke "
                            "deles.</p><p>Tavshedspligten følger blandt andet af "
                            "forvaltningsloven og straffeloven, og den gælder også, "
                            "når du er holdt op i stillingen. Den gælder over for "
                            "kolleger, der ikke har en saglig grund til at kende "
                            "oplysningerne, og naturligvis over for familie, venner og "
                            "offentligheden.</p>"
                        ),
                    ),
                    ("heading", {"text": "Rent private forhold", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Særligt beskyttet er oplysninger om <b>rent private "
                            "forhold</b>. Det er fx oplysninger om helbred, misbrug, "
                            "væsentlige sociale problemer, seksuelle forhold og "
                            "strafbare forhold. Også oplysninger om alvorlige "
                            "konflikter i hjemmet eller om, at en forælder er "
                            "fængslet, hører typisk hertil. Den slags oplysninger kan "
                            "kun videregives, hvis der er et klart grundlag i "
                            "lovgivningen eller et gyldigt samtykke.</p>"
                        ),
                    ),
                    ("heading", {"text": "Hvornår må der deles?", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Overordnet er der fire veje til lovligt at dele "
                            "oplysninger:</p><ol><li><b>Samtykke:</b> Den unge eller "
                            "forældremyndighedens indehaver giver informeret samtykke "
                            "til, at bestemte oplysninger deles med bestemte personer "
                            "til et bestemt formål.</li><li><b>Særlige lovregler:</b> "
                            "Fx retsplejelovens § 115, som giver mulighed for "
                            "udveksling i SSP-samarbejdet, når det er nødvendigt for "
                            "at forebygge "
                            "kriminalitet.</li><li><b>Værdispringsreglen:</b> "
                            "Oplysninger kan undtagelsesvis videregives, når hensynet "
                            "til barnet eller andre klart overstiger hensynet til den, "
                            "oplysningerne angår.</li><li><b>Underretningspligt:</b> "
                            "Pligten til at underrette kommunen går forud for "
                            "tavshedspligten.</li></ol>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "heading": "Underretningspligten gælder altid",
                            "text": (
                                "<p>Får du kendskab til, at et barn eller en ung kan "
                                "have behov for særlig støtte, har du som offentligt "
                                "ansat en skærpet pligt til at underrette kommunen. "
                                "SSP-samarbejdet erstatter ikke en underretning. Drøft "
                                "gerne bekymringen i SSP-regi, men sørg for, at "
                                "underretningen bliver sendt.</p>"
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "heading": "Samtykke først",
                            "text": (
                                "<p>Selv når loven giver mulighed for at udveksle "
                                "oplysninger uden samtykke, er det god praksis at "
                                "inddrage den unge og forældrene og så vidt muligt få "
                                "deres samtykke. Det styrker tilliden og gør det "
                                "lettere at lægge en fælles plan.</p>"
                            ),
                        },
                    ),
                    ("heading", {"text": "Refleksion", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Overvej, hvilke oplysninger om elever, brugere eller "
                            "borgere du dagligt har adgang til. Hvilke af dem vil du "
                            "vurdere som rent private forhold, og hvem på din "
                            "arbejdsplads har en saglig grund til at kende dem?</p>"
                        ),
                    ),
                ],
            },
            {
                "slug": "ssp-informationsudveksling",
                "title": (
                    "SSP-informationsudveksling: retsplejelovens § 115 og "
                    "servicelovens § 49 b"
                ),
                "summary": (
                    "Lektionen gennemgår reglerne om SSP-informationsudveksling i "
                    "retsplejelovens § 115 og de supplerende regler i den sociale "
                    "lovgivning, herunder servicelovens § 49 b."
                ),
                "body": [
                    ("heading", {"text": "Retsplejelovens § 115", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Retsplejelovens § 115 er den centrale hjemmel for at "
                            "udveksle oplysninger i SSP-samarbejdet. Bestemmelsen "
                            "giver politiet mulighed for at videregive oplysninger om "
                            "enkeltpersoners rent private forhold til andre "
                            "myndigheder, og de øvrige myndigheder i samarbejdet "
                            "mulighed for at videregive oplysninger til politiet og "
                            "til hinanden, når det må anses for <b>nødvendigt af "
                            "hensyn til det kriminalitetsforebyggende samarbejde</b>. "
                            "Bestemmelsen omfatter også PSP-samarbejdet med "
                            "psykiatrien og KSP-samarbejdet med kriminalforsorgen. I "
                            "daglig tale kaldes det SSP-informationsudveksling.</p>"
                        ),
                    ),
                    ("heading", {"text": "Fire vigtige pointer", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<ul><li><b>Det er en mulighed, ikke en pligt.</b> Ingen "
                            "er forpligtet til at dele oplysninger efter bestemmelsen. "
                            "Den enkelte skal selv vurdere, om delingen er "
                            "nødvendig.</li><li><b>Formålet er forebyggelse.</b> "
                            "Oplysningerne må ikke udveksles med henblik på "
                            "efterforskning af straffesager. Et SSP-møde er ikke et "
                            "forhør.</li><li><b>Nødvendighed er kravet.</b> Det er "
                            "ikke nok, at en oplysning er interessant eller måske "
                            "nyttig. Den skal være nødvendig for at kunne "
                            "tilrettelægge en forebyggende indsats for netop denne "
                            "unge.</li><li><b>Tavshedspligten fortsætter.</b> De, der "
                            "modtager oplysninger, har selv tavshedspligt og må kun "
                            "bruge dem til det forebyggende formål.</li></ul>"
                        ),
                    ),
                    ("heading", {"text": "Den sociale lovgivning", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Ud over retsplejeloven indeholder den sociale "
                            "lovgivning regler om udveksling af oplysninger i det "
                            "tidlige og forebyggende samarbejde. Mange "
                            "SSP-medarbejdere kender dem fra serviceloven, bl.a. "
                            "<b>servicelovens § 49 a og § 49 b</b>. Reglerne giver "
                            "fagpersoner omkring udsatte børn og unge – fx skole, "
                            "dagtilbud, sundhedspleje og socialforvaltning – mulighed "
                            "for at udveksle oplysninger, når det er nødvendigt for at "
                            "kunne hjælpe tidligt, også hvor der ikke er en konkret "
                            "bekymring for kriminalitet. Reglerne om børn og unge "
                            "under 18 år er siden 2024 samlet i barnets lov, og "
                            "paragrafnumrene er derfor ikke de samme som tidligere. "
                            "Slå altid den gældende formulering op, før du henviser "
                            "til en bestemt paragraf.</p>"
                        ),
                    ),
                    ("heading", {"text": "Hvornår bruger man hvad?", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Som tommelfingerregel bruges retsplejelovens § 115, "
                            "når der er en konkret bekymring for, at en ung er på vej "
                            "ind i kriminalitet, og politiet er en relevant part. Den "
                            "sociale lovgivnings regler bruges i det bredere tidlige "
                            "samarbejde om trivsel og udvikling, hvor politiet typisk "
                            "ikke deltager. Er du i tvivl, så spørg din leder eller "
                            "kommunens jurist, før oplysningerne deles.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "heading": "Et fiktivt eksempel",
                            "text": (
                                "<p>En pige på 15 år er flere gange set sammen med "
                                "unge, der er sigtet for butikstyverier, og hendes "
                                "fravær er steget markant. Skolen, socialrådgiveren og "
                                "forebyggelsesbetjenten mødes efter § 115 for at "
                                "koordinere en indsats. Skolen deler oplysninger om "
                                "fraværet, men ikke om pigens helbredsforhold, som "
                                "ikke har betydning for den forebyggende plan. Både "
                                "eksemplet og personen er opdigtede.</p>"
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "heading": "Aldrig i platformens fora",
                            "text": (
                                "<p>Oplysninger om enkelte børn og unge deles kun dér, "
                                "hvor de er nødvendige for den "
                                "kriminalitetsforebyggende indsats – typisk på et "
                                "SSP-møde. De må aldrig skrives i chat, "
                                "diskussionsfora, spørgsmål eller evalueringer her på "
                                "platformen, heller ikke i en form, hvor personen "
                                "stadig kan genkendes.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "noedvendighed-og-god-praksis",
                "title": "Nødvendighed, proportionalitet og god mødepraksis",
                "summary": (
                    "Lektionen omsætter databeskyttelsesreglernes principper om "
                    "nødvendighed, proportionalitet og dataminimering til konkret "
                    "praksis før, under og efter et SSP-møde."
                ),
                "body": [
                    (
                        "heading",
                        {"text": "Databeskyttelse i SSP-arbejdet", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Når oplysninger om en ung udveksles og noteres, er der "
                            "tale om behandling af personoplysninger. Derfor gælder "
                            "databeskyttelsesforordningen og databeskyttelsesloven ved "
                            "siden af reglerne om tavshedspligt. Oplysninger om "
                            "strafbare forhold og helbred er særligt beskyttede og "
                            "kræver ekstra omhu.</p><p>To principper er særligt "
                            "vigtige. <b>Nødvendighed</b> betyder, at du kun må "
                            "behandle de oplysninger, der er nødvendige for formålet. "
                            "<b>Proportionalitet</b> betyder, at indgrebet i den unges "
                            "privatliv skal stå i et rimeligt forhold til det, der "
                            "skal opnås. Sammen med princippet om "
                            "<b>dataminimering</b> betyder det, at man deler så lidt "
                            "som muligt – ikke så meget som muligt.</p>"
                        ),
                    ),
                    ("heading", {"text": "Før mødet", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<ul><li>Afklar, hvad formålet med drøftelsen er, og "
                            "hvilket lovgrundlag der bruges.</li><li>Overvej, hvem der "
                            "skal deltage. Kun personer, der kan bidrage til "
                            "indsatsen, bør være med.</li><li>Forbered de oplysninger, "
                            "du vil dele, og spørg dig selv ved hver enkelt: Er den "
                            "nødvendig for at kunne hjælpe den unge?</li><li>Inddrag "
                            "den unge og forældrene, og overvej at søge "
                            "samtykke.</li></ul>"
                        ),
                    ),
                    ("heading", {"text": "Under og efter mødet", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<ul><li>Hold drøftelsen fokuseret på den forebyggende "
                            "indsats, og undgå rygter, formodninger og oplysninger om "
                            "andre end den unge.</li><li>Skriv et kort referat med "
                            "aftaler, ansvarlige og tidspunkt for opfølgning. "
                            "Referatet opbevares i de systemer, der er godkendt til "
                            "formålet – aldrig i private noter, i mails til private "
                            "adresser eller i delte dokumenter uden "
                            "adgangsstyring.</li><li>Slet eller makulér arbejdsnoter, "
                            "når de ikke længere er nødvendige.</li></ul>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "heading": "Tre spørgsmål, før du deler",
                            "text": (
                                "<p><b>1.</b> Hvad er formålet, og er det "
                                "kriminalitetsforebyggende? <b>2.</b> Er netop denne "
                                "oplysning nødvendig for formålet? <b>3.</b> Er "
                                "modtageren en del af samarbejdet og har brug for "
                                "oplysningen? Kan du ikke svare ja til alle tre, så "
                                "lad være med at dele.</p>"
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "heading": "Aldrig personoplysninger på platformen",
                            "text": (
                                "<p>Brug gerne platformens fora til at drøfte metoder, "
                                "dilemmaer og erfaringer – men altid i generelle "
                                "vendinger. Skriv aldrig navne, CPR-numre, adresser "
                                "eller kombinationer af skole, alder og begivenheder, "
                                "der kan føre til, at et barn eller en borger "
                                "genkendes. Platformen afviser automatisk tekst, der "
                                "indeholder et CPR-nummer.</p>"
                            ),
                        },
                    ),
                    ("heading", {"text": "Refleksion", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Tænk på det seneste møde, hvor der blev drøftet en "
                            "konkret ung. Blev der delt oplysninger, som ikke var "
                            "nødvendige for indsatsen? Hvad kunne I gøre anderledes "
                            "næste gang, fx i forberedelsen eller i måden, referatet "
                            "blev skrevet på?</p>"
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "digital-kriminalitet-blandt-unge",
        "title": "Digital kriminalitet blandt unge",
        "kind": "tilvalgsmodul",
        "summary": (
            "Modulet sætter fokus på kriminalitet, der foregår på eller via nettet: "
            "digitale sexkrænkelser og deling af krænkende billeder, online svindel og "
            "unge, der bliver brugt som muldyr. Du får redskaber til at forebygge og "
            "handle sammen med skole, forældre og politi."
        ),
        "learning_goals": [
            (
                "Du kan beskrive, hvordan unges liv på sociale medier og i onlinespil "
                "skaber nye risici for både at blive offer og gerningsperson."
            ),
            (
                "Du kan forklare, hvorfor deling af krænkende billeder er strafbart, "
                "og hvordan du støtter den forurettede."
            ),
            (
                "Du kan genkende tegn på, at en ung bliver brugt som muldyr eller er "
                "involveret i online svindel."
            ),
            (
                "Du kan planlægge en forebyggende indsats om digital kriminalitet på "
                "alle tre niveauer i forebyggelsespyramiden."
            ),
        ],
        "target_groups": (
            "SSP-medarbejdere, lærere, klub- og fritidsmedarbejdere, socialrådgivere "
            "og forebyggelsesbetjente, der møder børn og unge i alderen 10-18 år, samt "
            "ledere, der skal prioritere indsatsen mod digital kriminalitet."
        ),
        "expected_hours": 7,
        "lessons": [
            {
                "slug": "unges-digitale-liv",
                "title": "Unges digitale liv og nye risici",
                "summary": (
                    "Lektionen beskriver, hvordan sociale medier og onlinespil er en "
                    "naturlig del af unges liv, og hvordan de samme rum kan bruges til "
                    "krænkelser, svindel og rekruttering til kriminalitet."
                ),
                "body": [
                    ("heading", {"text": "Online og offline er ét liv", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>For de fleste børn og unge er der ikke et skarpt skel "
                            "mellem livet på nettet og livet i skolegården. Venskaber, "
                            "forelskelser og konflikter fortsætter på sociale medier, "
                            "i gruppechats og i onlinespil. Langt det meste af det, "
                            "unge laver online, er positivt: De holder kontakt med "
                            "venner, lærer nyt og finder fællesskaber. Men de digitale "
                            "rum giver også nye muligheder for at begå og blive udsat "
                            "for kriminalitet – ofte uden at de unge selv opfatter "
                            "det, de gør, som kriminelt.</p>"
                        ),
                    ),
                    (
                        "heading",
                        {"text": "Hvorfor er det svært at få øje på?", "level": "h3"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Digital kriminalitet foregår sjældent dér, hvor voksne "
                            "er til stede. Beskeder forsvinder efter kort tid, "
                            "kontakter skifter platform, og unge bruger et sprog og "
                            "nogle koder, som voksne ikke altid forstår. Samtidig kan "
                            "skam og frygt for at miste telefonen betyde, at unge ikke "
                            "fortæller, når noget er gået galt. Derfor er relationen "
                            "til en tryg voksen en af de vigtigste "
                            "beskyttelsesfaktorer.</p>"
                        ),
                    ),
                    (
                        "heading",
                        {
                            "text": "Typiske former for digital kriminalitet",
                            "level": "h2",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<ul><li><b>Digitale sexkrænkelser</b>, fx deling af "
                            "intime billeder uden samtykke og afpresning med "
                            "billeder.</li><li><b>Svindel og bedrageri</b>, fx falske "
                            "salg på handelsplatforme og misbrug af andres "
                            "log-in.</li><li><b>Muldyr</b>, hvor unge låner deres "
                            "bankkonto ud til at flytte penge fra "
                            "kriminalitet.</li><li><b>Trusler, chikane og hadefulde "
                            "ytringer</b> i chats og "
                            "kommentarspor.</li><li><b>Rekruttering til "
                            "kriminalitet</b>, hvor kriminelle netværk kontakter unge "
                            "via sociale medier og krypterede beskedtjenester og "
                            "tilbyder penge for at løse opgaver.</li></ul>"
                        ),
                    ),
                    ("heading", {"text": "Spil og fællesskaber", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Onlinespil er for mange unge et vigtigt socialt rum, "
                            "hvor de samarbejder og taler med venner. Her kan de også "
                            "møde fremmede, der opbygger en relation for at opnå noget "
                            "– fx billeder, penge eller hjælp til kriminelle opgaver. "
                            "Handel med spilvaluta og spilkonti kan desuden være en "
                            "indgang til svindel. Spørg nysgerrigt ind til, hvad de "
                            "unge spiller, og hvem de spiller med, frem for at forbyde "
                            "eller fordømme.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "heading": "Din rolle som SSP-medarbejder",
                            "text": (
                                "<p>Du behøver ikke være teknisk ekspert. Det "
                                "vigtigste er, at du holder dig orienteret om de "
                                "platforme, de unge bruger, viser interesse for deres "
                                "digitale liv og ved, hvem du kan gå til, når du "
                                "bliver bekymret – fx SSP-konsulenten eller politiets "
                                "forebyggelsesmedarbejdere.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "digitale-sexkraenkelser",
                "title": "Digitale sexkrænkelser og deling af krænkende billeder",
                "summary": (
                    "Lektionen handler om deling af intime billeder uden samtykke og "
                    "afpresning med billeder og om de konsekvenser, det har for både "
                    "den forurettede og den, der deler. Du får bud på, hvordan SSP kan "
                    "forebygge og handle."
                ),
                "body": [
                    (
                        "heading",
                        {"text": "Når et billede bliver delt videre", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Mange unge sender intime billeder til en kæreste eller "
                            "en, de er interesserede i. Krænkelsen opstår, når "
                            "billedet bliver delt videre uden samtykke, eller når det "
                            "bruges til at presse eller true. Et billede, der først er "
                            "sendt rundt i gruppechats, kan være umuligt at få helt "
                            "fjernet, og for den forurettede kan konsekvenserne være "
                            "alvorlige: skam, isolation, skolefravær og i nogle "
                            "tilfælde selvskade.</p>"
                        ),
                    ),
                    ("heading", {"text": "Det er strafbart at dele", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Det er strafbart at videregive private billeder af en "
                            "anden person uden samtykke. Når personen på billedet er "
                            "under 18 år, kan deling af seksuelle billeder desuden "
                            "straffes efter de særligt strenge regler om seksuelt "
                            "materiale med børn – også når den, der deler, selv er "
                            "ung. Danske sager, hvor hundredvis af unge er blevet "
                            "sigtet for at dele den samme video, har vist, hvor "
                            "hurtigt deling kan brede sig, og hvor alvorlige "
                            "konsekvenserne kan blive. En dom kan få betydning for "
                            "uddannelse, job og rejser i mange år.</p>"
                        ),
                    ),
                    ("heading", {"text": "Afpresning med billeder", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>En særlig alvorlig form er afpresning, hvor en person "
                            "– ofte en fremmed, der udgiver sig for at være "
                            "jævnaldrende – får den unge til at sende billeder og "
                            "derefter kræver penge eller flere billeder under trussel "
                            "om at sprede dem. Unge, der udsættes for det, skal vide, "
                            "at de ikke skal betale, at de skal gemme beskederne og "
                            "stoppe kontakten, og at de kan få hjælp hos en voksen og "
                            "hos politiet.</p>"
                        ),
                    ),
                    ("heading", {"text": "Hvad kan SSP gøre?", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<ul><li><b>Generelt:</b> Undervisning i samtykke og "
                            "digital dømmekraft og i, hvad man gør, hvis man modtager "
                            "et billede, der ikke burde deles. Forældremøder om, "
                            "hvordan man taler med sit barn om emnet uden "
                            "skældud.</li><li><b>Specifikt:</b> Målrettede samtaler i "
                            "en klasse eller gruppe, hvor der har været deling, gerne "
                            "sammen med politiets forebyggelsesmedarbejdere.</li><li>"
                            "<b>Individorienteret:</b> Støtte til den forurettede og "
                            "inddragelse af forældre, socialforvaltning og politi. "
                            "Også den, der har delt, har brug for en voksen, der "
                            "hjælper med at forstå konsekvenserne.</li></ul>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "heading": "Del aldrig billedet som dokumentation",
                            "text": (
                                "<p>Som fagperson må du aldrig videresende, kopiere "
                                "eller gemme et krænkende billede – heller ikke for at "
                                "vise en kollega eller dokumentere sagen. Beskriv i "
                                "stedet, hvad du har set, og overlad sikringen af "
                                "beviser til politiet.</p>"
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "heading": "Fokus på den forurettede",
                            "text": (
                                "<p>Den, der er blevet krænket, skal mødes med omsorg "
                                "og aldrig med bebrejdelser som »hvorfor sendte du "
                                "det?«. Ansvaret ligger hos den, der deler eller "
                                "afpresser.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "svindel-og-muldyr",
                "title": "Online svindel, muldyr og forebyggelse",
                "summary": (
                    "Lektionen forklarer, hvordan unge bliver lokket til at låne deres "
                    "bankkonto eller digitale identitet ud, hvilke konsekvenser det "
                    "har, og hvordan SSP kan forebygge online svindel."
                ),
                "body": [
                    ("heading", {"text": "Hvad er et muldyr?", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Et muldyr er en person, der lader sin bankkonto bruge "
                            "til at modtage og sende penge videre for andre. Pengene "
                            "stammer ofte fra svindel, fx fra ældre mennesker, der er "
                            "blevet snydt over telefonen eller via falske beskeder. "
                            "Kriminelle bruger unge som muldyr, fordi de har konti, "
                            "der ikke tidligere er brugt til kriminalitet, og fordi de "
                            "kan være lette at overtale.</p><p>Henvendelsen kommer "
                            "typisk via sociale medier eller fra en bekendt og "
                            "præsenteres som en nem måde at tjene penge på: Du skal "
                            "bare modtage et beløb, hæve det eller overføre det videre "
                            "og må selv beholde en del. Nogle gange bliver den unge "
                            "også bedt om at udlevere sit log-in eller sin digitale "
                            "identitet.</p>"
                        ),
                    ),
                    ("heading", {"text": "Konsekvenserne er alvorlige", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Mange unge tror ikke, at de gør noget ulovligt, fordi "
                            "de ikke selv har snydt nogen. Men at stille sin konto til "
                            "rådighed for penge fra kriminalitet kan straffes, og den "
                            "unge kan blive mødt med krav om at betale pengene "
                            "tilbage. Banken kan lukke kontoen, og det kan blive svært "
                            "at få en ny. Samtidig kan bagmændene bruge den unges "
                            "involvering til at presse vedkommende til nye opgaver. "
                            "Udlån af log-in og digital identitet giver desuden andre "
                            "mulighed for at optage lån, tegne abonnementer og begå ny "
                            "svindel i den unges navn.</p>"
                        ),
                    ),
                    (
                        "heading",
                        {"text": "Andre former for online svindel", "level": "h3"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Unge kan også selv blive snydt eller begå svindel: "
                            "falske salg af tøj, billetter eller spilkonti, misbrug af "
                            "andres konti og falske hjemmesider, der lokker med "
                            "gevinster. Nogle unge begynder med små svindelnumre, som "
                            "de ser omtalt i videoer på sociale medier, uden at "
                            "forstå, at der er tale om bedrageri.</p>"
                        ),
                    ),
                    ("heading", {"text": "SSP's forebyggende indsats", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<ul><li>Tal med de unge om, at et tilbud om nemme penge "
                            "næsten altid er for godt til at være sandt, og at kontoen "
                            "og den digitale identitet er personlige og aldrig må "
                            "lånes ud.</li><li>Inddrag forældrene, fx på "
                            "forældremøder, så de kender tegnene: pludselige "
                            "pengebeløb, nye dyre ting eller en ung, der virker "
                            "presset.</li><li>Samarbejd med politiet og gerne lokale "
                            "pengeinstitutter om oplysning i udskolingen og på "
                            "ungdomsuddannelserne.</li><li>Sørg for, at unge, der "
                            "allerede er involveret, ved, at de kan få hjælp til at "
                            "komme ud af det uden at blive mødt med "
                            "fordømmelse.</li></ul>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "heading": "Et fiktivt eksempel",
                            "text": (
                                "<p>En dreng på 16 år får en besked fra en ukendt "
                                "profil, der tilbyder ham 2.000 kr. for at låne sin "
                                "konto ud i en dag. Han fortæller det til en "
                                "klubmedarbejder, som taler med ham om risikoen og "
                                "hjælper ham med at blokere og anmelde profilen. "
                                "Klubben tager bagefter emnet op på et fællesmøde for "
                                "alle unge. Eksemplet er opdigtet.</p>"
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "slug": "bander-og-rekruttering-af-unge",
        "title": "Bander og rekruttering af unge",
        "kind": "tilvalgsmodul",
        "summary": (
            "Modulet giver viden om, hvordan kriminelle grupper og netværk rekrutterer "
            "børn og unge, hvilke tegn fagpersoner og forældre skal være opmærksomme "
            "på, og hvordan man kan støtte unge, der vil ud af et kriminelt miljø."
        ),
        "learning_goals": [
            (
                "Du kan beskrive de mekanismer, kriminelle grupper bruger til at "
                "tiltrække og fastholde unge, både fysisk og online."
            ),
            (
                "Du kan genkende tegn på, at en ung er i risiko for at blive "
                "rekrutteret, og ved, hvordan du handler på en bekymring."
            ),
            (
                "Du kan støtte forældre, der er bekymrede for deres barn, og inddrage "
                "dem som en ressource."
            ),
            (
                "Du kan forklare de overordnede elementer i exitforløb og SSP's rolle "
                "i at understøtte dem."
            ),
        ],
        "target_groups": (
            "SSP-konsulenter, klub- og gadeplansmedarbejdere, lærere i udskolingen, "
            "socialrådgivere, boligsociale medarbejdere og politiets "
            "forebyggelsesmedarbejdere – især i områder, hvor kriminelle grupperinger "
            "er til stede."
        ),
        "expected_hours": 7,
        "lessons": [
            {
                "slug": "saadan-rekrutteres-unge",
                "title": "Sådan rekrutteres unge",
                "summary": (
                    "Lektionen beskriver, hvordan rekruttering til kriminelle grupper "
                    "typisk foregår gradvist, hvad der gør grupperne tiltrækkende, og "
                    "hvordan rekrutteringen i stigende grad også sker online."
                ),
                "body": [
                    (
                        "heading",
                        {
                            "text": (
                                "Rekruttering sker sjældent fra den ene dag til den "
                                "anden"
                            ),
                            "level": "h2",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Når unge bliver en del af et kriminelt miljø, er det "
                            "sjældent resultatet af én beslutning. Rekruttering "
                            "foregår oftest gradvist. Det begynder med, at en ung "
                            "bliver set og anerkendt af ældre unge, får et lift, et "
                            "måltid mad eller lidt penge. Efterhånden bliver den unge "
                            "bedt om små tjenester: at holde udkig, opbevare en pose "
                            "eller bringe en pakke fra ét sted til et andet. Hver "
                            "opgave flytter grænsen lidt, og til sidst kan den unge "
                            "stå i en situation, hvor det føles umuligt at sige "
                            "nej.</p>"
                        ),
                    ),
                    (
                        "heading",
                        {"text": "Hvad gør grupperne tiltrækkende?", "level": "h3"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Kriminelle grupper tilbyder ofte det, den unge savner "
                            "andre steder:</p><ul><li><b>Fællesskab og loyalitet</b> "
                            "for unge, der føler sig udenfor i skolen eller i "
                            "fritiden.</li><li><b>Status og respekt</b>, fx gennem "
                            "dyrt tøj, biler og omtale på sociale "
                            "medier.</li><li><b>Penge</b> for unge, der oplever, at "
                            "uddannelse og job er uden for "
                            "rækkevidde.</li><li><b>Beskyttelse</b> for unge, der selv "
                            "føler sig truede.</li></ul><p>Derfor er det vigtigt at "
                            "arbejde med alternativerne: fællesskaber, voksenkontakt, "
                            "fritidsjob og en realistisk vej gennem uddannelse.</p>"
                        ),
                    ),
                    ("heading", {"text": "Gæld og pres", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>En kendt metode er at gøre den unge økonomisk "
                            "afhængig. Den unge får stoffer eller varer på kredit, "
                            "eller der opstår en påstået gæld, fx fordi en pakke "
                            "forsvinder. Gælden bruges derefter til at presse den unge "
                            "til nye opgaver. Unge i den situation er både "
                            "gerningspersoner og ofre, og de har brug for at blive "
                            "mødt som begge dele.</p>"
                        ),
                    ),
                    (
                        "heading",
                        {"text": "Rekruttering via sociale medier", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>I de senere år har politi og kommuner set, at "
                            "kriminelle netværk – også fra udlandet – kontakter unge "
                            "via sociale medier og krypterede beskedtjenester og "
                            "tilbyder betaling for at udføre kriminelle opgaver, i "
                            "nogle tilfælde alvorlig vold. De unge kender ofte ikke "
                            "dem, der giver opgaverne, og har svært ved at overskue "
                            "konsekvenserne. Denne form for rekruttering kan ramme "
                            "unge, som ikke tidligere har været kendt i "
                            "SSP-samarbejdet, og den stiller krav om, at fagpersoner "
                            "også interesserer sig for de unges liv online.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "heading": "Refleksion",
                            "text": (
                                "<p>Hvilke alternative fællesskaber og muligheder for "
                                "at tjene penge lovligt findes der for unge i dit "
                                "område? Hvor er der huller, som kriminelle grupper "
                                "kan udnytte?</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "tegn-paa-bekymring",
                "title": "Tegn på bekymring, og hvordan du handler",
                "summary": (
                    "Lektionen giver overblik over tegn, der kan pege på rekruttering, "
                    "og gennemgår, hvordan en bekymring håndteres i SSP-samarbejdet."
                ),
                "body": [
                    (
                        "heading",
                        {"text": "Tegn, du skal være opmærksom på", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Ingen enkelt observation beviser, at en ung er ved at "
                            "blive rekrutteret. Men flere tegn på samme tid bør føre "
                            "til en faglig drøftelse:</p><ul><li>Nye, ældre venner og "
                            "afstand til tidligere venner</li><li>Penge, tøj, "
                            "telefoner eller andre ting, som den unge ikke kan "
                            "forklare</li><li>Flere telefoner eller hyppige skift af "
                            "nummer og profiler</li><li>Stigende fravær og faldende "
                            "engagement i skolen</li><li>Ophold ude om natten eller "
                            "steder, der er kendt for kriminalitet</li><li>Nyt sprog, "
                            "symboler eller musik, der hylder et bestemt "
                            "miljø</li><li>Tegn på frygt, stress eller på, at den unge "
                            "skylder nogen noget</li></ul>"
                        ),
                    ),
                    ("heading", {"text": "Tal med den unge", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Den vigtigste handling er ofte at tale med den unge. "
                            "Vær direkte og ærlig om, hvad du har lagt mærke til, og "
                            "om din bekymring – uden at anklage. Mange unge i risiko "
                            "føler sig fanget og har brug for en voksen, der tager dem "
                            "alvorligt. Lov ikke at holde på en hemmelighed, du ikke "
                            "kan holde. Forklar i stedet, hvem du har brug for at tale "
                            "med, og hvorfor.</p>"
                        ),
                    ),
                    (
                        "heading",
                        {"text": "Bekymringen i SSP-samarbejdet", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Drøft bekymringen med din leder og med "
                            "SSP-konsulenten. Afhængigt af situationen kan næste "
                            "skridt være:</p><ol><li>En underretning til kommunen, "
                            "hvis der er grund til at antage, at den unge har behov "
                            "for særlig støtte.</li><li>Et møde efter retsplejelovens "
                            "§ 115 med skole, socialforvaltning og politi for at "
                            "koordinere en forebyggende indsats.</li><li>En "
                            "bekymringssamtale, hvor politiet, gerne sammen med "
                            "kommunen, taler med den unge og forældrene om bekymringen "
                            "og om konsekvenserne af kriminalitet.</li><li>En plan med "
                            "konkrete tiltag, fx mentor, fritidsjob, skoleskift eller "
                            "støtte til familien.</li></ol>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "heading": "Hvis der er fare",
                            "text": (
                                "<p>Er der risiko for, at den unge eller andre kommer "
                                "til skade, skal du straks kontakte politiet. Ved akut "
                                "fare ringer du 112. Konfrontér aldrig selv personer, "
                                "du mistænker for at rekruttere unge.</p>"
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "heading": "Et fiktivt eksempel",
                            "text": (
                                "<p>En lærer bemærker, at en elev på 14 år har fået en "
                                "ny, dyr jakke, og at han to gange er blevet hentet af "
                                "en ældre ung i bil midt i skoletiden. Læreren taler "
                                "med eleven og med SSP-konsulenten. På et § 115-møde "
                                "viser det sig, at også klubben og politiet har gjort "
                                "sig bekymringer. Drengen får tilbudt en mentor og "
                                "hjælp til et fritidsjob, og forældrene inddrages. "
                                "Eksemplet er opdigtet.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "foraeldre-netvaerk-og-exit",
                "title": "Forældre, netværk og veje ud",
                "summary": (
                    "Lektionen handler om at inddrage forældre som en ressource og om "
                    "de overordnede principper i exitforløb for unge, der vil forlade "
                    "et kriminelt miljø."
                ),
                "body": [
                    (
                        "heading",
                        {"text": "Forældre er en vigtig ressource", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Mange forældre til unge i risiko føler sig magtesløse, "
                            "bange eller skamfulde. Nogle har mistet overblikket over, "
                            "hvor deres barn er, og hvem det er sammen med. Andre "
                            "frygter at miste kontakten, hvis de stiller krav. For "
                            "SSP-medarbejdere handler det om at møde forældrene som "
                            "samarbejdspartnere og ikke som en del af problemet. "
                            "Forældre, der bliver hørt og støttet, kan ofte gøre en "
                            "stor forskel.</p>"
                        ),
                    ),
                    (
                        "heading",
                        {"text": "Sådan kan du støtte forældrene", "level": "h3"},
                    ),
                    (
                        "paragraph",
                        (
                            "<ul><li>Fortæl ærligt og konkret om bekymringen, og lyt "
                            "til forældrenes oplevelse.</li><li>Giv dem viden om, "
                            "hvordan rekruttering foregår, og hvilke tegn de kan være "
                            "opmærksomme på.</li><li>Opfordr dem til at holde fast i "
                            "kontakten med barnet, også når det er svært, og til at "
                            "sætte tydelige rammer.</li><li>Hjælp dem videre til "
                            "familierådgivning, forældrenetværk eller andre tilbud i "
                            "kommunen.</li><li>Inddrag dem i planen for barnet, så de "
                            "ved, hvad der sker, og hvad de selv kan bidrage "
                            "med.</li></ul>"
                        ),
                    ),
                    (
                        "heading",
                        {"text": "Exit: veje ud af et kriminelt miljø", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Unge og unge voksne, der vil forlade et kriminelt "
                            "miljø, kan få hjælp gennem exitforløb, som kommuner og "
                            "politi tilbyder i samarbejde. Indholdet tilpasses den "
                            "enkelte, men forløbene bygger typisk på de samme "
                            "elementer:</p><ul><li><b>Motivation:</b> Forløbet "
                            "forudsætter et reelt ønske om at bryde med "
                            "miljøet.</li><li><b>Sikkerhed:</b> En vurdering af, om "
                            "personen er i fare, og eventuelt hjælp til at "
                            "flytte.</li><li><b>Hverdagsliv:</b> Hjælp til bolig, "
                            "uddannelse, job, økonomi og "
                            "gæld.</li><li><b>Relationer:</b> En fast kontaktperson "
                            "eller mentor og støtte til at opbygge et nyt "
                            "netværk.</li><li><b>Behandling:</b> Eventuelt "
                            "misbrugsbehandling eller psykologhjælp.</li></ul>"
                        ),
                    ),
                    ("heading", {"text": "SSP's rolle", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>SSP-medarbejdere står sjældent for selve exitforløbet, "
                            "men de spiller en vigtig rolle ved at opdage unge, der "
                            "overvejer at trække sig, og ved at bygge bro til de "
                            "relevante tilbud. Kendskab til de lokale muligheder og en "
                            "god kontakt til politiets forebyggelsesenhed er "
                            "afgørende.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "heading": "Exit tager tid",
                            "text": (
                                "<p>Et brud med et kriminelt miljø sker sjældent i ét "
                                "ryk. Tvivl og tilbagefald er en normal del af "
                                "processen. Hold fast i relationen, også når det går "
                                "skævt.</p>"
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "slug": "ssp-plus-og-de-18-25-aarige",
        "title": "SSP+ og de 18-25-årige",
        "kind": "tilvalgsmodul",
        "summary": (
            "Modulet handler om SSP+, hvor det kriminalitetsforebyggende samarbejde "
            "udvides til unge voksne mellem 18 og 25 år. Du får viden om, hvad der "
            "ændrer sig, når den unge bliver myndig, om overgangen fra skole til "
            "uddannelse og job og om samarbejdet med psykiatri og jobcenter."
        ),
        "learning_goals": [
            (
                "Du kan forklare, hvorfor mange kommuner har udvidet SSP-samarbejdet "
                "til de 18-25-årige, og hvordan SSP+ kan organiseres."
            ),
            (
                "Du kan beskrive, hvad der ændrer sig juridisk og praktisk, når en ung "
                "fylder 18 år."
            ),
            (
                "Du kan pege på kritiske overgange fra grundskole til uddannelse og "
                "job og på de aktører, der kan understøtte dem."
            ),
            (
                "Du kan samarbejde med psykiatri, misbrugsbehandling og jobcenter om "
                "en sammenhængende indsats for unge voksne."
            ),
        ],
        "target_groups": (
            "SSP-konsulenter og -medarbejdere med ansvar for unge over 18 år, "
            "medarbejdere i jobcenter og ungeindsats, vejledere og medarbejdere på "
            "ungdomsuddannelser, misbrugsbehandlere, samarbejdspartnere i psykiatrien "
            "og politiets forebyggelsesmedarbejdere."
        ),
        "expected_hours": 6,
        "lessons": [
            {
                "slug": "den-udvidede-maalgruppe",
                "title": "Den udvidede målgruppe",
                "summary": (
                    "Lektionen forklarer baggrunden for SSP+, hvad der ændrer sig, når "
                    "den unge bliver myndig, og hvordan samarbejdet om de 18-25-årige "
                    "kan organiseres."
                ),
                "body": [
                    ("heading", {"text": "Hvorfor SSP+?", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>For mange, der begår kriminalitet, topper "
                            "kriminaliteten i de sene teenageår og de første år som "
                            "voksen. Alligevel var det traditionelle SSP-samarbejde "
                            "bygget op omkring børn og unge i skolealderen. Mange unge "
                            "faldt derfor mellem to stole, når de forlod grundskolen "
                            "eller fyldte 18 år: Skolen var ikke længere en samlende "
                            "aktør, og den sociale indsats for børn og unge ophørte. "
                            "SSP+ er betegnelsen for de modeller, hvor kommuner og "
                            "politi udvider det forebyggende samarbejde til unge "
                            "voksne, typisk i alderen 18 til 25 år.</p>"
                        ),
                    ),
                    ("heading", {"text": "Hvad ændrer sig ved 18 år?", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<ul><li>Den unge er <b>myndig</b> og træffer selv sine "
                            "beslutninger. Forældrene kan ikke længere inddrages uden "
                            "den unges accept.</li><li>Den unge giver selv "
                            "<b>samtykke</b> til, at oplysninger deles, medmindre der "
                            "er en særlig lovhjemmel.</li><li>Indsatsen flytter fra "
                            "reglerne om børn og unge til <b>voksenområdet</b>, og nye "
                            "aktører som jobcenter, voksensocialområdet og psykiatri "
                            "kommer ind i billedet.</li><li>Straffesager behandles som "
                            "voksensager, og en dom kan få større betydning for "
                            "uddannelse og job.</li></ul>"
                        ),
                    ),
                    ("heading", {"text": "Organisering af SSP+", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Der er ikke én fast model for SSP+. Nogle kommuner har "
                            "en særskilt SSP+-gruppe med deltagelse af jobcenter, "
                            "ungeindsats, voksensocialområdet, kriminalforsorgen og "
                            "politi. Andre har udvidet de eksisterende SSP-strukturer. "
                            "Det afgørende er, at der er klare aftaler om, hvem der "
                            "koordinerer, hvordan en bekymring bringes videre, og "
                            "hvordan indsatsen følges op. Retsplejelovens § 115 er "
                            "ikke begrænset til børn, så oplysninger kan også "
                            "udveksles om unge voksne, når det er nødvendigt for det "
                            "kriminalitetsforebyggende samarbejde. For særlige "
                            "målgrupper giver PSP-samarbejdet med psykiatrien og "
                            "KSP-samarbejdet med kriminalforsorgen supplerende "
                            "rammer.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "heading": "Relationen bærer indsatsen",
                            "text": (
                                "<p>Unge voksne deltager frivilligt i de fleste "
                                "tilbud. En stabil relation til en fagperson, som den "
                                "unge har tillid til, er derfor ofte den vigtigste "
                                "forudsætning for, at en indsats lykkes.</p>"
                            ),
                        },
                    ),
                    ("heading", {"text": "Refleksion", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Hvem i din kommune har ansvaret, når en ung på 19 år "
                            "har forladt sin ungdomsuddannelse og hænger ud med en "
                            "gruppe, der begår kriminalitet? Er der klare aftaler – "
                            "eller risikerer den unge at falde mellem to stole?</p>"
                        ),
                    ),
                ],
            },
            {
                "slug": "overgange-til-uddannelse-og-job",
                "title": "Overgangen fra skole til uddannelse og job",
                "summary": (
                    "Lektionen sætter fokus på de kritiske overgange efter grundskolen "
                    "og på, hvordan SSP+ kan støtte unge i at komme i gang med og "
                    "fastholde uddannelse eller job."
                ),
                "body": [
                    (
                        "heading",
                        {"text": "Overgange er sårbare perioder", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Skiftet fra grundskole til ungdomsuddannelse er en af "
                            "de mest sårbare perioder for unge i risiko for "
                            "kriminalitet. Den faste struktur og de kendte voksne "
                            "forsvinder, og mange skal finde sig til rette i et nyt "
                            "miljø med større krav om selvstændighed. Unge, der falder "
                            "fra, står ofte uden daglig struktur, uden indtægt og med "
                            "god tid til at være sammen med andre i samme situation. "
                            "Uddannelse og job er nogle af de stærkeste "
                            "beskyttelsesfaktorer mod kriminalitet, og derfor er "
                            "overgangene et centralt fokus i SSP+.</p>"
                        ),
                    ),
                    ("heading", {"text": "Aktører i overgangen", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<ul><li><b>Den kommunale ungeindsats</b> vejleder og "
                            "koordinerer indsatsen for unge under 25 år, der ikke er i "
                            "gang med eller har gennemført en "
                            "ungdomsuddannelse.</li><li><b>Den forberedende "
                            "grunduddannelse (FGU)</b> er et tilbud til unge, der har "
                            "brug for at blive klar til en ungdomsuddannelse eller et "
                            "job.</li><li><b>Ungdomsuddannelserne</b> har "
                            "studievejledere og ofte mentorordninger, der skal "
                            "fastholde eleverne.</li><li><b>Jobcentret</b> kan tilbyde "
                            "vejledning, virksomhedspraktik, job med løntilskud og "
                            "mentorstøtte.</li></ul>"
                        ),
                    ),
                    ("heading", {"text": "Hvad kan SSP+ bidrage med?", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>SSP+ kan sikre, at viden om en ung i risiko ikke går "
                            "tabt, når den unge skifter fra ét system til et andet. "
                            "Det kan ske ved overleveringsmøder, hvor den unge selv "
                            "deltager og giver samtykke til, at relevante oplysninger "
                            "deles. SSP+ kan også skabe forbindelse mellem aktørerne, "
                            "så den unge ikke skal fortælle sin historie forfra mange "
                            "gange, og så tilbud om uddannelse, job, bolig og "
                            "behandling hænger sammen.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "heading": "Et fiktivt eksempel",
                            "text": (
                                "<p>En ung mand på 18 år – her kaldet Emil, et "
                                "opdigtet navn – er droppet ud af en "
                                "erhvervsuddannelse og har fået en bøde for hærværk. "
                                "SSP+-koordinatoren hjælper ham til et møde med "
                                "ungeindsatsen, og sammen finder de et forløb på FGU "
                                "med praktik i en lokal virksomhed. En mentor følger "
                                "ham de første måneder. Eksemplet er opdigtet.</p>"
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "heading": "Pas på med mange planer",
                            "text": (
                                "<p>Unge med komplekse problemer har ofte planer i "
                                "flere forskellige systemer. Arbejd for én fælles plan "
                                "og én tovholder, så den unge ikke drukner i møder og "
                                "krav.</p>"
                            ),
                        },
                    ),
                    ("heading", {"text": "Refleksion", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Hvordan bliver viden om unge i risiko overleveret i "
                            "din kommune, når de forlader grundskolen? Hvilke aktører "
                            "mangler i jeres nuværende samarbejde?</p>"
                        ),
                    ),
                ],
            },
            {
                "slug": "samarbejde-med-psykiatri-og-jobcenter",
                "title": "Samarbejde med psykiatri og jobcenter",
                "summary": (
                    "Lektionen handler om unge voksne med psykiske vanskeligheder og "
                    "misbrug og om, hvordan SSP+ kan samarbejde med psykiatrien og "
                    "jobcentret om en sammenhængende indsats."
                ),
                "body": [
                    (
                        "heading",
                        {
                            "text": "Komplekse problemer kræver samarbejde",
                            "level": "h2",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>En del unge voksne i risiko for kriminalitet har "
                            "samtidig psykiske vanskeligheder, et misbrug eller begge "
                            "dele. Det kan være ADHD, angst, depression, traumer eller "
                            "begyndende psykisk sygdom, og ofte er vanskelighederne "
                            "ikke udredt. Misbrug kan både være en måde at håndtere et "
                            "psykisk pres på og en direkte vej ind i kriminelle "
                            "miljøer, fx gennem gæld. Hvis indsatsen kun retter sig "
                            "mod kriminaliteten, bliver de bagvedliggende problemer "
                            "ikke løst.</p>"
                        ),
                    ),
                    ("heading", {"text": "Samarbejdet med psykiatrien", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Psykiatrien drives af regionerne og har sine egne "
                            "regler om tavshedspligt og samtykke. I PSP-samarbejdet "
                            "mellem politi, socialforvaltning og psykiatri kan der "
                            "udveksles oplysninger om socialt udsatte personer, når "
                            "det er nødvendigt. For SSP+ er det vigtigt at kende de "
                            "lokale PSP-aftaler og vide, hvem der er kontaktperson i "
                            "psykiatrien. Et godt samarbejde kan fx sikre, at en ung, "
                            "der udskrives efter en indlæggelse, har en aftale med "
                            "kommunen og ikke vender direkte tilbage til et kriminelt "
                            "miljø.</p>"
                        ),
                    ),
                    ("heading", {"text": "Samarbejdet med jobcentret", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Jobcentret er en central aktør for unge voksne uden "
                            "uddannelse eller arbejde. Mange unge i målgruppen "
                            "modtager en offentlig ydelse og har derfor allerede "
                            "kontakt til jobcentret. Jobcentret kan tilbyde "
                            "mentorstøtte, virksomhedspraktik og forløb, der tager "
                            "højde for den unges samlede situation. Når jobcentret "
                            "deltager i SSP+, kan kravene i beskæftigelsesindsatsen "
                            "tilrettelægges, så de understøtter den "
                            "kriminalitetsforebyggende indsats i stedet for at "
                            "modarbejde den.</p>"
                        ),
                    ),
                    (
                        "heading",
                        {"text": "Principper for et godt samarbejde", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<ul><li>Sæt den unge i centrum, og inddrag vedkommende i "
                            "alle beslutninger.</li><li>Aftal, hvem der er tovholder, "
                            "og hvem den unge skal kontakte.</li><li>Brug samtykke som "
                            "udgangspunkt, og kend de lovlige rammer for at dele "
                            "oplysninger uden samtykke.</li><li>Følg systematisk op – "
                            "mange forløb går i stå, fordi en aftale ikke bliver fulgt "
                            "op.</li></ul>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "heading": "Husk misbrugsbehandlingen",
                            "text": (
                                "<p>Kommunen skal tilbyde behandling for misbrug af "
                                "rusmidler, og mange steder findes der særlige tilbud "
                                "til unge. Undersøg, hvilke muligheder der er i din "
                                "kommune, og hvordan den unge hurtigt kan komme i "
                                "kontakt med dem.</p>"
                            ),
                        },
                    ),
                ],
            },
        ],
    },
]
