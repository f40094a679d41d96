// The claim-matching lexicon, as text tables compiled once by `ClaimLexicon` (a text table keeps the compiler
// fast; a dictionary literal of this size takes minutes to type-check).
//
// Line format:   OUTPUTS = alias | alias | …
//   OUTPUTS      space-separated items: `T:token` emits a canonical token of type T, `@flag` sets a flag.
//   Types        p place (country, region)   c city (always paired with its country)   o organisation, party,
//                team, programme   g population group   m measured quantity   s subject (what is measured or
//                talked about: energy source, crime type, disease, commodity…; also qualifiers such as
//                primary/secondary)   w untyped concept (synonyms only, no contrast check).
//   Flags        chg+ / chg-   change up/down (rise, fall)        deg+ / deg-   degree (highest, lower, more)
//                cmp           comparative that can open "… than …" (with its deg sign)
//                adj+ / adj-   plain adjective, a direction only after this/so/as ("not this high since")
//                neg           negation (parity is compared)      few     quasi-negation ("few countries … more")
//                over          overtake-type verb: "A overtook B" is "A > B"     lose   "A lost … to B"
//                drop          no token at all (fillers, attribution)            attr   attribution verb
//                A line starting with "|" continues the aliases of the line before.
//   Aliases      written naturally; they go through the same tokenizer and stemmer as claims, so inflected
//                forms match ("single-currency areas", "raised"). The longest alias wins at each position. A
//                one-word alias written with capitals only matches the same case in the text: "WHO" is the
//                organisation and "who" a pronoun, "CAP" the farm policy and "capped" a limit, "Fed" the central
//                bank and "fed" a verb, "Apple" the company (all capitals: the whole word; capitalised: the first
//                letter).
//
// Contrasts the near-miss checks depend on (rose/fell, youth/overall, turnout/vote share, debt/deficit, imports/
// exports…) are NEVER in one line: each side gets its own token, and the matcher penalises a substitution of one
// token by another of the same type.

extension ClaimLexicon {
    // MARK: - Places

    static let placeTable = """
        # EU-27: country, adjective, people, capital (capital emits the country and the city)
        p:austria = austria | austrian | austrians | republic of austria
        p:austria c:vienna @capital = vienna | the austrian capital
        p:belgium = belgium | belgian | belgians | flanders | flemish | wallonia | walloon
        p:bulgaria = bulgaria | bulgarian | bulgarians
        p:bulgaria c:sofia @capital = sofia | the bulgarian capital
        p:croatia = croatia | croatian | croatians | croat | croats
        p:croatia c:zagreb @capital = zagreb | the croatian capital
        p:cyprus = cyprus | cypriot | cypriots
        p:cyprus c:nicosia @capital = nicosia
        p:czechia = czechia | czech republic | czech | czechs
        p:czechia c:prague @capital = prague | the czech capital
        p:denmark = denmark | danish | dane | danes
        p:denmark c:copenhagen @capital = copenhagen | the danish capital
        p:estonia = estonia | estonian | estonians
        p:estonia c:tallinn @capital = tallinn | the estonian capital
        p:finland = finland | finnish | finn | finns
        p:finland c:helsinki @capital = helsinki | the finnish capital
        p:france = france | french | frenchman | frenchmen | frenchwoman | frenchwomen | french republic | hexagon
        p:france c:paris @capital = paris | the french capital
        p:france o:elysee = elysee | elysee palace | french presidency | french president | president macron | emmanuel macron | macron
        p:germany = germany | german | germans | deutschland | federal republic of germany | federal republic
        p:germany m:gdp = europe's largest economy | europe's biggest economy | the largest economy in europe | the biggest economy in europe
            | the eu's largest economy | the eu's biggest economy
        p:germany c:berlin @capital = berlin | the german capital
        p:greece = greece | greek | greeks | hellenic republic | hellenic
        p:greece c:athens @capital = athens | the greek capital
        p:hungary = hungary | hungarian | hungarians
        p:hungary c:budapest @capital = budapest | the hungarian capital
        p:ireland = ireland | irish | irishman | irishwoman | republic of ireland | the emerald isle | eire
        p:ireland c:dublin @capital = dublin | the irish capital
        p:italy = italy | italian | italians
        p:italy c:rome @capital = rome | the italian capital
        p:latvia = latvia | latvian | latvians
        p:latvia c:riga @capital = riga | the latvian capital
        p:lithuania = lithuania | lithuanian | lithuanians
        p:lithuania c:vilnius @capital = vilnius | the lithuanian capital
        p:luxembourg = luxembourg | luxembourger | luxembourgers | luxembourgish | the grand duchy | grand duchy of luxembourg
        p:malta = malta | maltese
        p:malta c:valletta @capital = valletta
        p:netherlands = netherlands | the netherlands | dutch | holland | dutchman | dutchmen | dutchwoman | the hague | hague
        p:netherlands c:amsterdam @capital = amsterdam | the dutch capital
        p:poland = poland | polish | pole | poles
        p:poland c:warsaw @capital = warsaw | the polish capital
        p:portugal = portugal | portuguese
        p:portugal c:lisbon @capital = lisbon | the portuguese capital
        p:romania = romania | romanian | romanians
        p:romania c:bucharest @capital = bucharest | the romanian capital
        p:slovakia = slovakia | slovak | slovaks | slovakian | slovak republic
        p:slovakia c:bratislava @capital = bratislava
        p:slovenia = slovenia | slovenian | slovenians | slovene | slovenes
        p:slovenia c:ljubljana @capital = ljubljana
        p:spain = spain | spanish | spaniard | spaniards | kingdom of spain
        p:spain c:madrid @capital = madrid | the spanish capital
        p:spain c:barcelona = the catalan capital | catalan capital
        p:spain c:barcelona o:fcbarcelona = barcelona
        p:spain p:catalonia = catalonia | catalan | catalans | catalunya
        p:sweden = sweden | swedish | swede | swedes
        p:sweden c:stockholm @capital = stockholm | the swedish capital

        # United Kingdom and its nations (uk is the parent of the four nations; see compatTable)
        p:uk = uk | united kingdom | britain | great britain | british | briton | britons | brit | brits | u k | gb
        p:uk c:london @capital = london | the british capital | the uk capital | the english capital | greater london
        p:uk o:ukparl = westminster | uk parliament | british parliament | the houses of parliament
        p:uk o:ukgov = whitehall | uk government | british government | her majesty's government | his majesty's government
        p:uk o:ukpm = downing street | no 10 | number 10 | number ten | british prime minister | uk prime minister | prime minister keir starmer
            | keir starmer | starmer | rishi sunak | sunak | boris johnson | theresa may
        p:england = england | english | englishman | englishmen | englishwoman | englishwomen
        p:scotland = scotland | scottish | scot | scots | north of the border
        p:scotland c:edinburgh @capital = edinburgh | the scottish capital
        p:scotland o:scotparl = holyrood | scottish parliament | scottish government
        p:wales = wales | welsh | senedd
        p:wales c:cardiff @capital = cardiff | the welsh capital
        p:nireland = northern ireland | stormont | ulster
        p:nireland c:belfast @capital = belfast
        p:uk c:manchester = manchester
        p:uk c:liverpool o:liverpoolfc = liverpool
        p:uk c:birmingham = birmingham
        p:scotland c:glasgow = glasgow
        p:germany c:munich = munich | munchen
        p:germany c:hamburg = hamburg
        p:germany c:cologne = cologne | koln
        p:germany c:frankfurtcity = frankfurt am main | city of frankfurt
        p:germany c:stuttgart = stuttgart
        p:germany c:dusseldorf = dusseldorf
        p:germany c:leipzig = leipzig
        p:italy c:milan = milan | milano
        p:italy c:naples = naples | napoli
        p:italy c:turin = turin | torino
        p:italy c:venice = venice | venezia
        p:italy c:florence = florence | firenze
        p:italy c:bologna = bologna
        p:france c:marseille = marseille | marseilles
        p:france c:lyon = lyon | lyons
        p:france c:toulouse = toulouse
        p:france c:nice = nice
        p:france c:bordeaux = bordeaux
        p:france c:lille = lille
        p:spain c:seville = seville | sevilla
        p:spain c:valencia = valencia
        p:spain c:bilbao = bilbao
        p:spain c:malaga = malaga
        p:portugal c:porto = porto | oporto
        p:netherlands c:rotterdam = rotterdam
        p:netherlands c:utrecht = utrecht
        p:belgium c:antwerp = antwerp
        p:belgium c:ghent = ghent
        p:sweden c:gothenburg = gothenburg | goteborg
        p:sweden c:malmo = malmo
        p:poland c:krakow = krakow | cracow
        p:poland c:gdansk = gdansk
        p:poland c:wroclaw = wroclaw
        p:austria c:salzburg = salzburg
        p:austria c:graz = graz
        p:switzerland c:basel = basel
        p:ireland c:cork = cork
        p:greece c:thessaloniki = thessaloniki
        p:uk c:leeds = leeds
        p:uk c:bristol = bristol
        p:uk c:sheffield = sheffield
        p:uk c:newcastle = newcastle
        p:uk c:oxford = oxford
        p:uk c:cambridge = cambridge
        p:us c:losangeles = los angeles | la
        p:us c:chicago = chicago
        p:us c:sanfrancisco = san francisco
        p:us c:boston = boston
        p:canada c:toronto = toronto
        p:canada c:montreal = montreal
        p:canada c:vancouver = vancouver
        p:india c:mumbai = mumbai | bombay
        p:australia c:melbourne = melbourne
        p:brazil c:saopaulo = sao paulo
        p:brazil c:rio = rio de janeiro | rio
        p:japan c:osaka = osaka
        p:russia c:stpetersburg = st petersburg | saint petersburg
        # Large cities that are not capitals (a swap of one for another is a different claim)
        p:southafrica c:johannesburg = johannesburg | joburg | jozi
        p:southafrica c:durban = durban
        p:nigeria c:lagoscity = lagos city
        p:nigeria c:kano = kano
        p:nigeria c:ibadan = ibadan
        p:kenya c:mombasa = mombasa
        p:kenya c:kisumu = kisumu
        p:ghana c:kumasi = kumasi
        p:egypt c:alexandria = alexandria
        p:morocco c:casablanca = casablanca
        p:india c:bengaluru = bengaluru | bangalore
        p:india c:chennai = chennai | madras
        p:india c:kolkata = kolkata | calcutta
        p:india c:hyderabad = hyderabad
        p:india c:ahmedabad = ahmedabad
        p:pakistan c:karachi = karachi
        p:pakistan c:lahore = lahore
        p:china c:guangzhou = guangzhou | canton
        p:china c:shenzhen = shenzhen
        p:china c:wuhan = wuhan
        p:china c:chengdu = chengdu
        p:indonesia c:surabaya = surabaya
        p:indonesia c:bandung = bandung
        p:indonesia c:medan = medan
        p:indonesia c:bali = bali
        p:vietnam c:hochiminhcity = ho chi minh city | saigon
        p:philippines c:cebu = cebu
        p:southkorea c:busan = busan
        p:japan c:yokohama = yokohama
        p:japan c:nagoya = nagoya
        p:japan c:kyoto = kyoto
        p:japan c:fukuoka = fukuoka
        p:japan c:sapporo = sapporo
        p:japan c:hiroshima = hiroshima
        p:japan c:nagasaki = nagasaki
        p:uae c:dubai = dubai
        p:saudiarabia c:jeddah = jeddah
        p:saudiarabia c:mecca = mecca
        p:israel c:telaviv = tel aviv
        p:colombia c:medellin = medellin
        p:colombia c:cali = Cali
        p:colombia c:cartagena = cartagena
        p:mexico c:guadalajara = guadalajara
        p:mexico c:monterrey = monterrey
        p:mexico c:cancun = cancun
        p:mexico c:tijuana = tijuana
        p:brazil c:belem = belem
        p:brazil c:salvadorbahia = salvador da bahia
        p:brazil c:recife = recife
        p:brazil c:fortaleza = fortaleza
        p:brazil c:portoalegre = porto alegre
        p:brazil c:belohorizonte = belo horizonte
        p:brazil c:manaus = manaus
        p:argentina c:cordoba = cordoba
        p:argentina c:rosario = rosario
        p:chile c:valparaiso = valparaiso
        p:peru c:cusco = cusco | cuzco
        p:us c:houston = houston
        p:us c:seattle = seattle
        p:us c:miami = miami
        p:us c:atlanta = atlanta
        p:us c:detroit = detroit
        p:us c:philadelphia = philadelphia
        p:us c:lasvegas = las vegas
        p:canada c:calgary = calgary
        p:canada c:edmonton = edmonton
        p:australia c:brisbane = brisbane
        p:australia c:perth = perth
        p:australia c:adelaide = adelaide
        p:newzealand c:auckland = auckland
        p:italy c:turin = turin | torino
        p:italy c:florence = florence | firenze
        p:italy c:venice = venice | venezia
        p:italy c:bologna = bologna
        p:italy c:genoa = genoa
        p:italy c:palermo = palermo
        p:spain c:bilbao = bilbao
        p:spain c:malaga = malaga
        p:spain c:zaragoza = zaragoza
        p:poland c:gdansk = gdansk
        p:poland c:wroclaw = wroclaw
        p:poland c:lodz = lodz
        p:poland c:poznan = poznan
        p:sweden c:gothenburg = gothenburg | goteborg
        p:sweden c:malmo = malmo
        p:germany c:cologne = cologne | koln
        p:germany c:stuttgart = stuttgart
        p:germany c:dusseldorf = dusseldorf
        p:germany c:leipzig = leipzig
        p:germany c:dresden = dresden
        p:france c:toulouse = toulouse
        p:france c:nice = Nice
        p:france c:bordeaux = bordeaux
        p:france c:lille = lille
        p:netherlands c:rotterdam = rotterdam
        p:belgium c:antwerp = antwerp

        # Wider Europe
        p:norway = norway | norwegian | norwegians
        p:norway c:oslo @capital = oslo | the norwegian capital
        p:iceland = iceland | icelandic | icelander | icelanders
        p:iceland c:reykjavik @capital = reykjavik
        p:switzerland = switzerland | swiss | swiss confederation | helvetic
        p:switzerland c:bern @capital = bern | berne
        p:switzerland c:geneva = geneva
        p:switzerland c:zurich = zurich
        p:ukraine = ukraine | ukrainian | ukrainians
        p:ukraine c:kyiv @capital = kyiv | kiev | the ukrainian capital
        p:russia = russia | russian | russians | russian federation | the kremlin | kremlin | vladimir putin | putin
        p:russia c:moscow @capital = moscow | the russian capital
        p:belarus = belarus | belarusian | belarusians
        p:turkey = turkey | turkish | turk | turks | turkiye
        p:turkey c:ankara @capital = ankara
        p:turkey c:istanbul = istanbul
        p:serbia = serbia | serbian | serbians | serb | serbs
        p:georgia = georgia | georgian | georgians
        p:moldova = moldova | moldovan | moldovans
        p:albania = albania | albanian | albanians
        p:northmacedonia = north macedonia | macedonia | macedonian | macedonians
        p:montenegro = montenegro | montenegrin
        p:bosnia = bosnia | bosnia and herzegovina | bosnian | bosnians
        p:kosovo = kosovo | kosovar | kosovars
        p:armenia = armenia | armenian | armenians
        p:azerbaijan = azerbaijan | azerbaijani | azerbaijanis | azeri
        p:andorra = andorra
        p:monaco = monaco | monegasque
        p:liechtenstein = liechtenstein
        p:sanmarino = san marino
        p:vatican = vatican | holy see | vatican city

        # World (every other country, its capital and demonyms: worldTable in ClaimLexiconWorld.swift)
        p:us = US | u s | u s a | the states | stateside
        p:us c:washington @capital = washington dc | the us capital
        p:us m:gdp = the world's largest economy | world's largest economy | the world's biggest economy | biggest economy in the world
            | largest economy in the world
        p:us o:whitehouse = white house | the white house | us president | american president | president trump | donald trump | trump | joe biden
            | president biden | biden | the oval office
        p:us o:congress = congress | capitol hill | us congress | the capitol
        p:us o:senate = us senate | senate
        p:us c:newyork = new york | new york city | nyc
        p:us p:california = california | californian | californians
        p:us p:texas = texas | texan | texans | lone star state | the lone star state
        p:us p:florida = florida
        p:china m:gdp = the world's second-largest economy | world's second-largest economy | the world's second biggest economy
            | second-largest economy in the world
        p:china c:shanghai = shanghai
        p:australia c:sydney = sydney
        p:chad = lake chad

        # Regions and blocs (eu, eurozone and europe are three different places; europe~eu is a soft match)
        p:eu = eu | e u | european union | the bloc | bloc | the eu27 | eu27 | eu-27 | the 27 | the union's | brussels | the european community
            | member states of the eu | eu member states | eu countries | eu member | member of the bloc | members of the bloc
        p:eu c:brussels = the belgian capital
        p:eurozone = eurozone | euro zone | euro area | the euro area | single currency area | single-currency area | single currency zone
            | single-currency zone | single currency bloc | single-currency bloc | single currency | countries that use the euro | euro countries
            | eurozone countries | the euro club
        p:eurozone s:membership = adopt the euro | adopted the euro | adopts the euro | adopting the euro | adopt the single currency
            | adopted the single currency | joined the euro | join the euro | switched to the euro | switch to the euro | entered the eurozone
            | euro adoption
        p:europe = europe | european | europeans | the continent | continental europe | who european region | the european region
        p:world = world | global | globally | worldwide | the globe | the planet | on the planet | around the world | around the globe
            | across the globe | across the world | international community | planet
        p:earth = earth | the earth | planet earth | earth's
        p:west = the west | western world | western countries | western | the western world | western country | western nations
        p:arctic = arctic | the arctic | north pole | arctic ocean | the far north
        p:antarctic = antarctic | antarctica | south pole | the antarctic | southern ocean
        p:amazon = amazon | amazon rainforest | the amazon | amazonian | amazon basin
        p:mediterranean = mediterranean | the med
        p:northsea = north sea
        p:sahara = sahara
        p:moon = moon | the moon | lunar
        p:mars = mars | martian
        p:space = low earth orbit | outer space | in orbit | into orbit
        """

    // MARK: - Organisations, parties, programmes, teams

    static let organisationTable = """
        # EU institutions and agencies
        o:commission = european commission | the commission | commission | eu commission | eu executive | brussels executive | ursula von der leyen
            | von der leyen
        o:eucouncil = european council | council of the eu | council of the european union | council of ministers | eu leaders
        o:europarl = european parliament | the parliament in strasbourg | strasbourg assembly | the strasbourg assembly | mep | meps
            | members of the european parliament | member of the european parliament | europarl
        o:europarl c:strasbourg = strasbourg
        o:ecb = ecb | european central bank | frankfurt | christine lagarde | lagarde | the eurozone's central bank | the euro area's central bank
            | eurozone central bank
        o:cjeu = cjeu | european court of justice | ecj | eu court of justice | court of justice of the european union | eu's top court
        o:echr = european court of human rights | strasbourg court | echr
        o:eib = european investment bank | eib
        o:frontex = frontex | the eu's border agency | eu border agency | european border and coast guard agency
        o:frontex = the bloc's border agency | bloc's border agency | european border agency | the eu border agency | eu border and coast guard
        o:europol = europol
        o:eurostat = eurostat | the eu's statistics office | eu statistics office
        o:ema = european medicines agency | ema | the eu's medicines regulator | eu medicines regulator
        o:efsa = efsa | european food safety authority
        o:ecdc = ecdc | european centre for disease prevention and control
        o:eea = european environment agency
        o:nextgeneu = nextgenerationeu | next generation eu | nextgeneration eu | ngeu | eu recovery fund | recovery fund | pandemic recovery fund
            | recovery and resilience facility | rrf | post-covid recovery fund | post covid recovery instrument | recovery instrument
        o:horizoneurope = horizon europe | horizon 2020 | the eu's flagship research programme | eu research programme | eu's research programme
            | Horizon | horizon programme | horizon scheme | horizon science scheme | horizon research programme
        o:cap = common agricultural policy | CAP | eu farm subsidies | the eu's farm policy | eu farm policy
        o:schengen = schengen | schengen area | passport-free zone | border-free area
        o:erasmus = erasmus | erasmus+
        o:ets = emissions trading system | emissions trading scheme | eu ets | carbon market
        o:dma = digital markets act | dma
        o:dsa = digital services act | dsa
        o:gdpr = gdpr | general data protection regulation | data protection regulation
        o:aiact = ai act | artificial intelligence act | eu ai act | ai law | artificial intelligence law | ai rules | ai regulation | the ai act
        o:qmv = qualified majority voting | qualified majority | qmv
        # UK institutions
        o:nhs = nhs | national health service | the health service | health service | nhs england
        o:boe = bank of england | boe | threadneedle street | the old lady of threadneedle street | andrew bailey
        o:ons = ons | office for national statistics | uk statistics office | national statistics office
        o:commons = house of commons | the commons | commons | lower house | mps | mp | member of parliament | members of parliament
        o:lords = house of lords | the lords | lords | upper house | peers
        o:ofsted = ofsted
        o:obr = office for budget responsibility | obr | budget watchdog
        o:bbc = bbc | british broadcasting corporation
        o:hs2 = hs2 | high speed 2 | high-speed 2 | britain's high-speed railway | britain's high-speed rail line
        o:ulez = ulez | ultra low emission zone | ultra-low emission zone
        o:sugartax = sugar tax | sugar levy | soft drinks levy | soft drinks industry levy | soft drink levy | sugary drinks tax
        # US institutions
        o:fed = Fed | federal reserve | us central bank | the us central bank | america's central bank | jerome powell | powell
        o:fbi = fbi | federal bureau of investigation
        o:cbp = border patrol | us border patrol | customs and border protection | cbp
        o:cdc = cdc | centers for disease control | centers for disease control and prevention
        o:fda = fda | food and drug administration
        o:nasa = nasa
        o:bls = bureau of labor statistics | bls
        o:pentagon = pentagon | the pentagon | us defense department | department of defense
        o:police = police | police officers | police officer | officers | policing | constables | police forces | the police
        # Other national institutions
        o:riksbank = riksbank | sweden's central bank | swedish central bank | the swedish central bank
        o:bundesbank = bundesbank | german central bank | germany's central bank
        o:norgesbank = norges bank | norway's central bank | norwegian central bank
        o:snb = swiss national bank | snb | switzerland's central bank
        o:boj = bank of japan | boj | japan's central bank
        o:pboc = people's bank of china | pboc | china's central bank
        o:destatis = destatis | federal statistical office | germany's statistics office | german statistics office
        o:insee = insee | france's statistics office | french statistics office
        o:istat = istat | italy's statistics office
        o:bundestag = bundestag | german parliament | germany's parliament | german federal parliament
        o:deutschebahn = deutsche bahn | db | germany's rail operator | germany's national rail operator | germany's state rail operator
            | german rail operator | german railways
        o:deutschlandticket = deutschlandticket | deutschland-ticket | germany's national ticket | germany ticket | 49-euro ticket | 49 euro ticket
            | d-ticket
        o:sncf = sncf | french rail operator | france's rail operator | france's national rail operator
        o:eurotunnel = channel tunnel | eurotunnel | the chunnel | rail link under the channel | tunnel under the channel
        # International organisations
        o:nato = nato | north atlantic treaty organization | north atlantic treaty organisation | the alliance | north atlantic alliance
            | the atlantic alliance | western military alliance
        o:un = UN | united nations | un general assembly | un security council | security council | antonio guterres | guterres
        o:who = WHO | world health organization | world health organisation | the un's health agency | un health agency | tedros
        o:imf = imf | international monetary fund
        o:worldbank = world bank
        o:oecd = oecd | organisation for economic co-operation and development | organization for economic cooperation and development
        o:wto = wto | world trade organization | world trade organisation
        o:iea = iea | international energy agency
        o:ipcc = ipcc | intergovernmental panel on climate change | un climate panel
        o:wmo = wmo | world meteorological organization | world meteorological organisation | un weather agency | the un's weather agency
        o:fao = fao | food and agriculture organization | food and agriculture organisation | the un's food agency | un food agency
        o:unesco = unesco | the un's education agency | un cultural agency
        o:unicef = unicef | the un children's agency | un children's fund
        o:unhcr = unhcr | un refugee agency | the un's refugee agency
        o:ilo = ilo | international labour organization | international labour organisation
        o:iaea = iaea | international atomic energy agency
        o:opec = opec | opec+
        o:g7 = g7 | group of seven
        o:g20 = g20 | group of twenty
        o:sipri = sipri | stockholm international peace research institute
        o:cern = cern | european organization for nuclear research
        o:lhc = lhc | large hadron collider
        o:esa = ESA | european space agency
        o:mercosur = mercosur | south american trading bloc | the south american trade bloc
        o:brics = brics
        o:icc = international criminal court | icc
        o:pisa = pisa | programme for international student assessment
        o:pisa m:score = pisa results | pisa scores | pisa rankings | pisa tests | pisa test | pisa ranking
        o:fifa = fifa
        o:uefa = uefa
        o:ioc = ioc | international olympic committee
        o:olympics = olympics | olympic games | the games
        o:worldcup = world cup
        # Parties (role labels such as "far right" are a family, see compatTable)
        o:labour = labour | labour party | keir starmer's party | starmer's party | the labour party
        o:conservative = conservatives | conservative party | tories | tory | the tories | rishi sunak's party
        o:libdem = liberal democrats | lib dems | libdems
        o:snp = snp | scottish national party
        o:reformuk = reform uk | nigel farage's party | farage's party
        o:rn = rassemblement national | national rally | marine le pen's party | le pen's party | marine le pen | le pen | jordan bardella | rn
        o:renaissance = Renaissance | Ensemble | macron's party | en marche
        o:cdu = cdu | csu | cdu/csu | christian democrats | christian democratic union | friedrich merz | merz
        o:spd = spd | social democrats | social democratic party | olaf scholz | scholz
        o:afd = afd | alternative for germany | alternative fur deutschland
        o:pvv = pvv | party for freedom | geert wilders' party | wilders' party | wilders's party | geert wilders | wilders
        o:pis = pis | law and justice | law and justice party | kaczynski's party
        o:civicplatform = civic platform | civic coalition | donald tusk | tusk | tusk's party
        o:fidesz = fidesz | viktor orban's party | orban's party | viktor orban | orban
        o:fdi = brothers of italy | fratelli d'italia | giorgia meloni's party | meloni's party | giorgia meloni | meloni
        o:vox = Vox
        o:psoe = psoe | spanish socialists | pedro sanchez | sanchez
        o:swedendemocrats = sweden democrats
        o:fpo = fpo | freedom party of austria | austrian freedom party
        o:democrats = democrats | democratic party | the democrats
        o:republicans = republicans | republican party | gop | the republicans
        o:farright = far right | far-right | the far right | extreme right | radical right | hard right | populist right
        o:farleft = far left | far-left | the far left | extreme left | radical left | hard left
        o:greens = Greens | green party
        # Companies and products
        o:apple = Apple | iphone maker | iphone
        o:google = google | alphabet | google's parent
        o:meta = Meta | facebook | instagram | whatsapp | mark zuckerberg
        o:microsoft = microsoft
        o:amazoncom = amazon.com | amazon web services | aws | jeff bezos
        o:tesla = tesla | elon musk | musk
        o:openai = openai | open ai
        o:chatgpt = chatgpt | chat gpt | openai's chatbot | gpt-4
        o:tiktok = tiktok | bytedance
        o:twitter = twitter
        o:nvidia = nvidia
        o:samsung = samsung
        o:volkswagen = volkswagen | vw
        o:gazprom = gazprom
        o:jwst = jwst | james webb space telescope | james webb telescope | webb telescope | james webb
        o:hubble = hubble | hubble space telescope
        o:nordstream = nord stream
        # Sport
        o:premierleague = premier league | the english top flight | english top flight | epl
        o:mancity = manchester city | man city | city football club
        o:manutd = manchester united | man united | man utd | the red devils
        o:chelsea = Chelsea
        o:arsenal = Arsenal
        o:liverpoolfc = liverpool fc
        o:realmadrid = real madrid | los blancos
        o:fcbarcelona = fc barcelona | barca
        o:bayern = bayern munich | bayern
        o:psg = paris saint-germain | psg
        o:saudiproleague = saudi pro league | saudi league
        o:wimbledon = wimbledon | all england club | all england lawn tennis club
        o:f1 = f1 | formula one | formula 1
        o:lionesses = 
        o:italyteam p:italy = azzurri | the azzurri
        o:franceteam p:france = les bleus
        o:threelions = 
        o:wsl = wsl | women's super league
        o:threelions p:england = three lions | the three lions | england men's football team
        o:lionesses p:england = lionesses | the lionesses | england women's football team | england women's team
        o:championsleague = champions league | european cup
        o:eurostar = eurostar
        o:tfl = transport for london | tfl
        """

    // MARK: - Population groups

    static let populationTable = """
        g:youth = youth | young people | young person | young adults | young adult | under-25s | under 25s | under-30s | youngsters | teenagers
            | teenager | teens | adolescents | adolescent | young | 15-24-year-olds | 16-24 year olds | school leavers
        g:child = child | children | kids | kid | minors | minor | under-18s | under-16s | juveniles
        g:pupil = pupil | pupils | schoolchildren | schoolchild | schoolkids | school pupils | students at school | schoolboys | schoolgirls
        g:student = university students | students | student | undergraduates | undergraduate | higher-education students | college students
        g:adult = adults | adult | grown-ups | grown ups | grownups | over-18s
        g:elderly = elderly | older people | the elderly | pensioners | pensioner | over-65s | over 65s | retirees | seniors | senior citizens
            | old people | older adults
        g:woman = women | woman | female | females | girls and women
        g:man = men | man | male | males
        g:girl = girls | girl
        g:boy = boys | boy
        g:teacher = teachers | teacher | teaching staff | schoolteachers | educators
        g:professor = professors | professor | academics | lecturers | faculty | academic staff
        g:nurse = nurses | nurse | nursing staff | midwives
        g:doctor = doctors | doctor | physicians | physician | medics | medic | medical doctors | hospital doctors
        g:gp = gps | gp | general practitioners | general practitioner | family doctors | family doctor | family physicians
        g:migrant = migrants | migrant | immigrants | immigrant | foreigners | foreign nationals | foreign-born | people born abroad | non-nationals
            | newcomers | born outside the country | born outside | born in another country | born overseas | foreign-born workers | foreign workers
            | migrant workers
        g:refugee = refugees | refugee
        g:refugee = people who fled | people fleeing | those fleeing | displaced people | displaced persons | fled the war | fleeing the war
            | who fled the war | war refugees
        g:asylumseeker = asylum seekers | asylum seeker | asylum applicants
        g:victim = victims | victim
        g:offender = offenders | offender | perpetrators | perpetrator | criminals | suspects
        g:prisoner = prisoners | prisoner | inmates | inmate
        g:baby = babies | baby | infants | infant | newborns | newborn
        g:mother = mothers | mother | pregnant women | expectant mothers
        g:farmer = agricultural workers | farm workers
        g:vaccinated = vaccinated | the vaccinated | vaccinated people | immunised | those who have had the jab | who have had the jab
            | people who have had the jab | those who had the jab | vaccinated individuals | the jabbed
        g:unvaccinated = unvaccinated | the unvaccinated | unvaccinated people | not vaccinated | those who have not | those who have not had the jab
            | people who have not had the jab | those who had not | who have not had the jab | who have not been vaccinated | those who haven't
        g:smoker = smokers | smoker
        g:motorist = motorists | drivers | driver
        g:graduate = graduates | graduate | people with a university degree | degree holders
        g:neet = neet | neets | not in education employment or training | not in education, employment or training
        g:selfemployed = self-employed | self employed | freelancers | freelance workers | sole traders
        g:firsttimebuyer = first-time buyers | first-time buyer | first time buyers
        g:renter = renters | tenants | tenant | renting households | private renters
        g:landlord = landlords | landlord
        g:homeowner = homeowners | homeowner | owner-occupiers | owner occupiers
        g:user = users | user | monthly active users | weekly users | active users | subscribers | people using
        g:cyclist = cyclists | cyclist
        g:pedestrian = pedestrians | pedestrian
        g:household = households | household | families | family | homes
        """

    // MARK: - Measured quantities

    static let measureTable = """
        m:unemployment = unemployment | unemployed | jobless | joblessness | jobless rate | unemployment rate | out of work | without a job
            | without work | jobseekers | out-of-work | out of a job | without jobs | out of jobs | unemployed people | people without work
        m:inactivity = economically inactive | economic inactivity | inactivity rate | not looking for work
        m:shortage = labour shortage | labour shortages | worker shortages | staff shortages | shortage of workers | skills shortages | shortage
            | shortages
        m:netmigration = net migration | net immigration | arrivals minus departures | immigration minus emigration | more people arrived than left
            | net overseas migration | net international migration
        m:netmigration = net inflow | net migrant inflow | net inflow of migrants | net arrivals
        m:immigration = immigration | immigrated | arrivals | arrived | inflows | inflow | entered the country | came to | migration | migration flows
            | migrant arrivals
        m:immigration s:sea = sea arrivals | arrivals by sea | arrived by sea | arrived by boat | landing on its coasts | landed on its coasts
            | crossings by sea | came by boat | by boat
        m:emigration = emigration | emigrated | emigrate | departures | left the country | outflows | outflow
        m:asylumclaim = asylum applications | asylum application | asylum claims | asylum claim | asylum requests | applied for asylum
            | claimed asylum | sought asylum
        m:asylumclaim = requests for asylum | asylum requests | claim asylum | claims for asylum | applications for asylum | asylum bids
        m:crossing = crossings | crossing | crossed | cross | small boat arrivals | small boats | small-boat crossings | channel crossings
            | crossed the channel
        m:deportation = deportations | deportation | deported | deport | removals | returns | returned | expelled | expulsions
            | removed from the country
        m:visa = visas | visa | work visas | residence permits | residence permit | work permits
        m:citizenship = citizenship | naturalisation | naturalization | naturalised | passports
        m:homeownership = home ownership | homeownership | home-ownership rate | own their homes | own their home | owner occupation
        m:coverage = uptake | coverage | vaccination rate | vaccination rates | immunisation rate | immunisation rates | vaccine uptake
            | vaccine coverage | jab rate | vaccination coverage | fully vaccinated
        m:users = number of users | user base | downloads | downloaded | signed up | sign-ups
        m:fine = fine | fines | fined | penalty | penalties | financial penalty
        m:valuation = market value | valuation | market capitalisation | market cap | valued at | worth more than
        m:prizemoney = prize money | prize fund | winnings
        m:fare = fare | fares | ticket price | ticket prices | ticket | tickets | season ticket | travel pass | monthly ticket
        m:attendance = attendance | attendances | crowds | crowd | spectators | gates | average gate | match-goers | turnstile
        m:marketshare = market share | share of the market | share of sales | share of new car sales
        m:employment = employment | employment rate | employed | in work | in employment | jobs | job | employ | employs | employing
            | workforce participation
        m:longtermunemployment = long-term unemployment | long-term unemployed | out of work for more than a year | unemployed for more than a year
            | out of work for over a year
        m:vacancy = vacancies | vacancy | unfilled posts | unfilled jobs | job openings | open positions | waiting to be filled | unfilled
            | unfilled vacancies | vacant posts | vacant positions | open jobs
        m:workforce = workforce | labour force | work force | workers | worker | employees | employee | staff
        m:turnout = turnout | turn out | turned out | cast a ballot | cast ballots | cast their ballot | cast their vote | cast a vote
            | go to the polls | went to the polls | voted | participation rate | voter participation
        m:voteshare = vote share | share of the vote | of the vote | of the votes | votes cast | of votes cast | popular vote | share of votes
            | per cent of the vote | percent of the vote
        m:eligible = eligible to vote | eligible voters | entitled to vote | had the chance to go to the polls | had the chance to vote
            | were able to vote | could vote | registered to vote | electorate | eligible citizens
        m:seat = seats | seat
        m:debt = debt | debts | public debt | government borrowing | public borrowing | state borrowing | government debt | national debt | state debt
            | borrowing | borrowings | amount owed | owes | owe | owed | debt-to-gdp | debt to gdp | debt-to-gdp ratio | indebtedness
        m:deficit = deficit | budget deficit | fiscal deficit | shortfall | overspend
        m:surplus = surplus | budget surplus | trade surplus
        m:surplus = exports exceed imports | exports exceeded imports | sells more than it buys | sold more than it bought
            | exports more than it imports
        m:tradedeficit = trade deficit | trade gap
        m:tradedeficit = imports exceed exports | imports exceeded exports | buys more than it sells | bought more than it sold
            | imports more than it exports | buys more from
        m:gdp = gdp | gross domestic product | economy | economies | economic output | national output | output | the size of the economy
            | size of the economy | value of everything the economy produces | everything the economy produces | economic | economically
        m:gni = gni | gross national income | national income | combined national income
        m:budget = budget | state budget | government budget | annual budget | public budget | federal budget
        m:spending = spending | spend | spends | spent | outlays | outlay | expenditure | expenditures | devote | devotes | devoted | allocate
            | allocates | splurge
        m:spending = pour | poured | pours | splashed out | splash out | forked out | fork out | shelled out | laid out | spent on
        m:revenue = revenue | revenues | turnover | income | takings | receipts | brought in | bring in | brings in | earnings | earn | earned | earns
        m:profit = profit | profits | net income | earnings before tax | profitable
        m:tax = tax | taxes | taxation | levy | levies
        m:tariff = tariff | tariffs | duty | duties | customs duty | customs duties | import duties | import tax
        m:wage = wage | wages | salary | salaries | earnings from work | payroll | pay rise | pay rises | pay gap | gender pay gap | take-home pay
        m:wage = wage bill | wage bills | salary bill | player wages | players wages | wages bill
        m:minwage = minimum wage | statutory wage floor | wage floor | national minimum wage | national living wage | living wage
            | statutory minimum wage
        m:price = price | prices | cost of | costs of | pricing | priced
        m:cost = cost | costs | costing | bill | bills | expense | expenses
        m:rent = rent | rents | rental costs | rental prices | rental | rented
        m:houseprice = house prices | house price | home prices | property prices | housing costs | home costs | homes cost | home cost | house costs
            | price of a home | cost of a home | typical home costs | price of a house | cost of a house | property values
        m:interestrate = interest rate | interest rates | key interest rate | key rate | policy rate | base rate | main rate | benchmark rate
            | deposit rate | borrowing costs
        m:mortgagerate = mortgage rates | mortgage rate | home-loan rates | home loan rates | mortgage interest rates
        m:inflation = inflation | consumer prices | cost of living | price growth | price rises | consumer price index | cpi | price increases
        m:inflation s:food = food inflation | food price inflation | food prices | grocery prices | grocery inflation
        s:food = groceries | grocery | grocery bills | food shopping | supermarket prices
        m:inflation = hyperinflation | annual inflation | inflation rate | rate of inflation | headline inflation
            | harmonised index of consumer prices | hicp
        m:coreinflation = core inflation | underlying inflation | inflation excluding energy and food | inflation excluding food and energy
            | excluding energy and food | excluding food and energy | stripping out energy and food
        m:saving = savings | saving | save | saved | squirrelled away | household savings rate | savings rate
        m:saving = putting aside | put aside | puts aside | putting money aside
        m:investment = investment | investments | invest | invested | investing
        m:export = export | exports | exported | exporting | exporter | exporters | overseas sales | sales abroad | sells abroad | sell abroad
            | sold abroad | foreign sales
        m:import = import | imports | imported | importing | importer | importers | purchases from abroad | buy from abroad | bought from abroad
        m:emission = emission | emissions | emit | emits | emitted | emitter | emitters | carbon footprint | pollution | polluting | release
            | releases | released into | greenhouse gas emissions output
        m:emission s:ghg = greenhouse gas output | greenhouse gas emissions | output of greenhouse gases | greenhouse-gas emissions
            | emissions of greenhouse gases
        m:emission s:co2 = co2 output | carbon dioxide output | carbon output | co2 emissions | carbon emissions | carbon dioxide emissions
        m:absorb = absorb | absorbs | absorbed | absorption | soak up | soaks up | takes in | take in | sequester
        m:absorb s:co2 = carbon sink | carbon sinks | net carbon sink | co2 sink
        m:consumption = consumption | consume | consumes | consumed | use | usage | uses | used | demand | tap into | taps into | make use of
            | makes use of | utilise | utilises | utilize | rely on
        m:production = production | produce | produces | produced | producing | producer | producers | generate | generates | generated | generating
            | generation | manufacture | manufactures | manufactured | manufacturing | output of | make | makes | making
        m:sales = sales | sale | sold | sells | sell | selling | market share of new | new registrations | registrations
        m:stock = cars on the road | fleet | in use | in circulation | stock
        m:population = population | inhabitants | residents | by population | populous | people living in
        m:area = area | land area | territory | surface area | by area | size of
        m:volume = volume | mass | ice mass | ice volume
        m:capacity = capacity | fullness
        m:case = cases | case | infections | infection | infected | diagnoses | diagnosed | outbreaks | outbreak
        m:death = deaths | death | die | dies | died | dying | killed | kill | kills | killing | killer | fatal | fatalities | fatality | mortality
            | lives lost | lost their lives | dead | death toll | lethal
        m:casualty = casualties | casualty | injuries | injury | injured | hurt | wounded
        m:hospitalisation = hospitalisations | hospitalisation | hospitalizations | hospital admissions | admitted to hospital | hospitalised
        m:birth = births | birth | birth rate | born
        m:fertility = fertility | fertility rate | children per woman | babies per woman
        m:lifeexpectancy = life expectancy | expected lifespan | lifespan | life span | how long people live
        m:waitinglist = waiting list | waiting lists | queue for treatment | queue for hospital treatment | queue for planned hospital treatment
            | backlog | waiting for treatment | treatment waiting list
        m:waitingtime = waiting time | waiting times | wait | waits | waited | response time | response times | took more than | to reach | to get to
        m:fee = fee | fees | tuition fees | tuition | tuition fee
        @neg m:fee = pay nothing | pays nothing | paid nothing | tuition-free | no tuition
        @neg m:fare = free | for free | free of charge | fare-free | cost nothing | costs nothing | at no cost | without charge | no charge
            | free to ride | free to use
        m:electricity = electricity | power | electric power | electricity generation | power generation | power supply | kilowatt-hour
            | kilowatt-hours | kwh | megawatt-hours | terawatt-hours | twh | gwh | grid | electricity mix | power mix
        m:energy = energy | total energy | energy use | energy consumption | primary energy | energy supply | final energy
        m:energy = gas and electricity | electricity and gas | gas and power | energy bill | energy bills | gas and electricity bills | power bills
        m:heating = heating | heat supply | space heating | heating systems
        m:soldier = soldiers | soldier | troops | troop | military personnel | service personnel | servicemen | personnel | regular army
            | army personnel
        m:temperature = temperature | temperatures
        m:sealevel = sea level | sea levels | level of the oceans | oceans are | ocean levels
        m:score = score | scores | performance | performs | performed
        m:circumference = circumference
        m:diameter = diameter
        m:length = length
        m:height = height | tall
        m:speed = speed | speeds | quickly
        m:transferfee = transfer fees | transfer fee | transfer spending | spent on transfers | spending on players | spent on players
        m:sugarcontent = sugar content | sugar in | sugar from | the sugar of | amount of sugar
        m:installation = installations | installation | installed | install | fitted
        w:share = share | proportion | percentage | fraction | portion
        """

    // MARK: - Subjects and qualifiers

    static let subjectTable = """
        # Energy sources (renewable and fossil are families of their own, see compatTable)
        s:coal = coal | lignite | coal-fired | coal power | coal plants | coal-fired power | coal-fired plants | coal-fired power stations
        s:gas = gas | natural gas | pipeline gas | lng | liquefied natural gas | shale gas | gas supplies | gas-fired | gas-fired plants
            | gas-fired power stations | gas-fired power
        s:oil = oil | crude | crude oil | petroleum | oil supplies
        s:nuclear = nuclear | nuclear power | nuclear energy | nuclear reactors | nuclear reactor | nuclear plants | nuclear power plants
            | atomic energy | atomic power | nuclear power stations | nuclear generation
        s:wind = wind | wind power | wind turbines | wind farms | wind energy | windfarms | turbines
        s:solar = solar | solar power | solar panels | solar panel | photovoltaic | photovoltaics | pv | photovoltaic modules | photovoltaic panels
            | solar energy | solar farms
        s:hydro = hydropower | hydroelectric | hydroelectricity | hydro | hydroelectric plants | hydroelectric power | hydro power | dams
        s:geothermal = geothermal | geothermal energy | geothermal plants | geothermal power
        s:biomass = biomass | bioenergy | wood pellets
        s:renewable = renewables | renewable | renewable energy | renewable sources | renewable power | green energy | green power | clean power
        s:cleanenergy = clean energy | clean-energy | clean technologies | clean tech | energy transition | low-carbon energy
        s:fossil = fossil fuels | fossil fuel | fossil | fossil-fuel
        s:hydrogen = hydrogen | green hydrogen
        s:fracking = fracking | hydraulic fracturing | fracked | frack
        # Pollutants and climate
        s:co2 = co2 | carbon dioxide | carbon
        s:methane = methane | ch4
        s:nitrogen = nitrogen | nitrogen oxides | nitrous oxide | ammonia | nitrogen pollution | nitrogen emissions
        s:no2 = no2 | nitrogen dioxide
        s:ghg = greenhouse gas | greenhouse gases | greenhouse-gas | greenhouse | ghg | planet-warming gases | heat-trapping gases
        s:particulates = particulate matter | pm2.5 | pm10 | particulates | fine particles
        s:ozone = ozone | ozone layer | ozone hole
        s:seaice = sea ice | ice covering the arctic ocean | ice cover | ice sheet | ice sheets
        s:glacier = glacier | glaciers | ice fields
        s:wildfire = wildfire | wildfires | forest fires | forest fire | bushfires | bushfire | wildland fires
        s:flood = flood | floods | flooding
        s:drought = drought | droughts
        s:heat = heat | heatwave | heatwaves | high temperatures | extreme heat | hot weather | heat-related
        s:cold = cold | cold weather | cold snaps | freezing temperatures | low temperatures
        s:volcano = volcano | volcanoes | volcanic
        s:human = human activity | humans | human | humanity | mankind | human activities | manmade | human-made | human-caused
        s:deforestation = deforestation | forest loss | tree cover loss
        # Crime (the general "crime" and each kind are different subjects: 6% of crimes is not 6% of rapes)
        s:crime = crime | crimes | offences | offence | offenses | offense | criminal offences | recorded crime | criminality | law-breaking
        s:violentcrime = violent crime | violent crimes | violent offences | violence | violent | assault | assaults | assaulted
        s:propertycrime = property crime | property crimes | property offences
        s:knifecrime = knife crime | knife crimes | offences involving a knife | knife offences | offences involving a knife or sharp instrument
            | stabbings | knife attacks | knife or sharp instrument
        s:homicide = homicide | homicides | murder | murders | killings | manslaughter | murder rate | homicide rate | murdered
        s:rape = rape | rapes | sexual assault | sexual assaults | sexual offences | sexual violence
        s:burglary = burglary | burglaries | break-ins | break ins | break-in | housebreaking | burgled
        s:shoplifting = shoplifting | retail theft | shoplifters | stealing from shops | theft from shops
        s:theft = theft | thefts | stealing | stolen | robbery | robberies
        s:fraud = fraud | frauds | scams | scam | fraudulent | fraudsters
        s:shooting = shootings | shooting | fatal shootings | gun violence | shot dead | gun deaths | firearm deaths
        s:drugcrime = drug offences | drug crime | drug trafficking | drug dealing
        s:terrorism = terrorism | terrorist attacks | terror attacks
        w:charge = charge | charges | charged | charging | prosecution | prosecutions | prosecuted | brought to justice
        s:prison = prisons | prison | jails | jail | gaols | penitentiaries | penitentiary | prison places | prison capacity
        s:policestation = police stations | police station
        s:police = policing levels
        # Health
        s:measles = measles
        s:mumps = mumps
        s:rubella = rubella | german measles
        s:mmr = mmr | measles, mumps and rubella | mmr vaccine | mmr jab | measles mumps and rubella
        s:polio = polio | poliovirus | wild poliovirus | wild polio
        s:pertussis = pertussis | whooping cough
        s:varicella = varicella | chickenpox | chicken pox
        s:covid = covid | covid-19 | coronavirus | sars-cov-2 | the pandemic | pandemic | covid19
        s:flu = flu | influenza
        s:hpv = hpv | human papillomavirus
        s:cancer = cancer | cancers | tumour | tumours
        s:diabetes = diabetes | diabetic
        s:obesity = obesity | obese | overweight
        s:dementia = dementia | alzheimer's
        s:hiv = hiv | aids
        s:malaria = malaria
        s:tuberculosis = tuberculosis | tb
        s:autism = autism | autistic
        s:heartdisease = heart attacks | heart attack | cardiovascular | heart disease
        s:strokes = strokes | stroke
        s:suicide = suicide | suicides | took their own lives | take their own lives
        s:alcohol = alcohol | drink | drinking | alcoholic | booze
        s:drug = drugs | drug | narcotics | overdoses | overdose | opioids | drug-related
        s:medicine = medicines | medicine | pharmaceuticals | pharmaceutical | pharmaceutical products | medical products | pharma
        s:smoking = smoking | smoke | cigarettes | cigarette | tobacco
        s:vaping = vaping | vapes | vape | e-cigarettes | e-cigarette
        s:sugar = sugar | sugary
        s:salt = salt
        s:antibiotic = antibiotic | antibiotics | antimicrobial | drug-resistant | antibiotic resistance | antimicrobial resistance | superbugs
        s:vaccine = vaccine | vaccines | jab | jabs | shot | shots | dose | doses | vaccination | vaccinations | immunisation | immunization
            | inoculation
        s:booster = booster | boosters | booster jab | booster dose | booster shots | third dose
        s:mrna = mrna | mrna vaccines | mrna vaccine
        s:myocarditis = myocarditis | heart inflammation
        s:sideeffect = side effects | side effect | adverse events | adverse reactions | adverse effects
        s:herdimmunity = herd immunity | population immunity
        s:ae = a & e | a&e | accident and emergency | emergency department | emergency departments | emergency room | er
        s:irregular = illegal immigration | illegal migration | illegal migrants | illegal immigrants | irregular migration | irregular arrivals
            | irregular migrants | undocumented | unauthorised arrivals | without papers | paperless | without documents | unauthorised entries
            | irregular entries | illegal entries | unauthorised entry | illegal entry
        s:irregular m:crossing = irregular border crossings | illegal border crossings | irregular crossings | unauthorised crossings
            | illegal crossings
        s:border = border | borders | frontier
        s:tvrights = broadcasting rights | broadcast rights | tv rights | tv deal | broadcasting deal | television rights | media rights
        s:noexception = without exception | without exceptions | no exceptions | in all cases | blanket ban | total ban | outright ban | complete ban
            | outright | with no exemptions | no exemptions | with no exceptions | no exemptions at all | with no exemptions at all
        s:someexception = with some exceptions | with exceptions | some exceptions | partial ban | limited exceptions | exemptions | exceptions
        s:light = speed of light | light-year | light years
        s:dna = dna | genes | genome | genetic code | genetic material | genetic makeup | genetics | genetic
        s:test = test | tests | testing
        s:hospitalbed = hospital beds | hospital bed | beds
        s:healthcare = health care | healthcare | health spending | health system | medical care
        s:pension = pensions | pension | state pension | retirement benefits
        s:welfare = welfare | benefits | social security | social spending
        s:education = education | education spending
        # Education and science
        s:maths = maths | math | mathematics | numeracy | mathematical
        s:reading = reading | literacy | read
        s:science = science | sciences
        s:homework = homework
        s:primary = primary | primary school | primary schools | primary-school | elementary | elementary school
        s:secondary = secondary | secondary school | secondary schools | secondary-school | high school | high schools
        s:university = university | universities | higher education | tertiary | tertiary education | college | colleges | third-level
        s:degree = degree | degrees | university degree | tertiary qualification | diploma | higher-education qualification
        s:classsize = class sizes | class size | classes | class
        # Agriculture and commodities
        s:wheat = wheat | grain | cereals
        s:maize = maize | corn
        s:rice = rice
        s:basmati = basmati
        s:soy = soybeans | soybean | soy | soya | soya beans
        s:sunflower = sunflower oil | sunflower | sunflower seeds
        s:oliveoil = olive oil | olives
        s:coffee = coffee
        s:cocoa = cocoa
        s:bee = bees | bee | honeybees | bumblebees | pollinators
        s:insect = insects | insect
        s:bird = birds | bird
        s:livestock = livestock | farm animals | cattle | cows | pigs | animal farming
        s:glyphosate = glyphosate | weedkiller | roundup | herbicide
        s:pesticide = pesticides | pesticide
        s:organic = organic | organically
        s:foodwaste = food waste | food that is thrown away | wasted food | thrown away | food loss
        s:water = water | water use | freshwater
        s:farmland = farmland | agricultural land | farm land | cropland
        s:agriculture = agriculture | agricultural | farming | farms | farm | agri-food | agrifood
        s:farmer = farmers | farmer | farmworkers
        s:steel = steel
        s:aluminium = aluminium | aluminum
        s:copper = copper
        s:lithium = lithium
        s:rareearth = rare earths | rare earth | rare-earth
        s:semiconductor = semiconductors | semiconductor | chips | microchips
        # Transport and vehicles
        s:electriccar = electric cars | electric car | electric vehicles | electric vehicle | ev | evs | bev | bevs | battery-electric
            | battery electric vehicles | battery-electric cars | zero-emission cars | electric | fully electric | all-electric | battery-powered
            | battery powered
        s:petrol = petrol | gasoline | unleaded | pump prices | at the pump
        s:diesel = diesel
        s:petrol s:diesel = combustion engine | combustion-engine | internal combustion engine | petrol and diesel | combustion engines
        s:transport = transport | transportation | travel | public transport | school transport | commuting
        s:car = cars | car | vehicles | vehicle | motor vehicles | automobiles
        s:rail = rail | railway | railways | railroad
        s:metro = metro | underground | the tube | subway | tram | trams
        s:rail = train | trains | train services | rail services | train travel | intercity trains
        s:highspeed = high-speed | high speed
        s:bus = buses | bus | coaches
        s:flight = flights | flight | aviation | air travel | airlines
        s:shorthaul = short-haul flights | short-haul | domestic flights | short flights | short haul | internal flights | domestic air travel
            | short-distance flights
        s:road = road deaths | road | roads | traffic | road traffic | motorways | motorway
        s:cycling = cycling | bikes | bicycles | cycle lanes | bike lanes
        s:publictransport = public transit | local transport
        s:congestioncharge = congestion charge | congestion charging | road pricing
        s:chargepoint = charging points | charging point | charge points | chargers | charging stations | public chargers
        s:longdistance = long-distance | long distance | intercity
        s:regional = regional | local
        s:speedlimit = speed limit | speed limits | 20mph | mph limit
        # Defence
        s:defence = defence | defense | military | armed forces | army | weapons | arms | armaments | munitions
        s:nukeweapon = nuclear weapons | nuclear weapon | nuclear arsenal | nuclear warheads | nuclear-armed | atomic weapons | nuclear bombs
        s:aircraftcarrier = aircraft carrier | aircraft carriers
        s:conscription = conscription | military service | compulsory military service | mandatory service | national service | the draft
            | military draft | compulsory service | mandatory military service
        s:war = war | wars | warfare | fought | fight | armed conflict | conflicts | conflict
        s:aid = aid | assistance | support
        # Housing
        s:socialhousing = social housing | council housing | council homes | municipal housing | public housing | social rented | subsidised housing
            | subsidised flats | subsidised homes | subsidized housing | council flats | council or subsidised flats | council home | municipal flats
            | public flats | social or municipal housing
        s:shortlet = tourist apartments | holiday lets | short-term rentals | short-term lets | holiday flats | airbnb | holiday rentals
            | tourist flats | short-term holiday flats | short-term holiday rentals | let to tourists | let an entire home to tourists
            | rent out to tourists | rented to tourists | tourist rentals | tourist lets | let to holidaymakers | tourist accommodation
        s:mortgage = mortgage | mortgages | home loan | home loans
        s:homeless = homelessness | homeless | rough sleeping | rough sleepers
        s:temporaryaccommodation = temporary accommodation | emergency accommodation | homeless shelters | homeless shelter | hostels
            | bed and breakfast accommodation
        s:vacanthome = empty homes | vacant homes | vacant properties | empty properties | second homes
        s:rentcontrol = rent control | rent controls | rent cap | rent caps | rent freeze | rent ceiling | rent ceilings | rent brake
        s:newhome = new homes | new houses | housebuilding | homes built | housing starts | new dwellings
        # Technology
        s:ai = ai | artificial intelligence
        s:chatbot = chatbot | chatbots
        s:smartphone = smartphones | smartphone | mobile phones | mobile phone | phones
        s:internet = internet | online | broadband
        s:fiveg = 5g | fifth-generation | fifth generation | 5g networks | 5g masts
        s:socialmedia = social media | social networks | social-media
        s:datacentre = data centres | data centre | data centers | data center
        s:goods = goods | merchandise
        s:services = services
        s:tradedeal = trade deal | trade deals | free trade agreement | free-trade agreement | fta | trade agreement | trade pact
        s:customsunion = customs union
        s:singlemarket = single market | the single market
        s:facialrecognition = facial recognition | face recognition
        # Politics and law
        s:foreignpolicy = foreign policy | foreign-policy | foreign affairs
        s:tradepolicy = trade policy
        s:ruleoflaw = rule of law | rule-of-law | judicial independence
        s:referendum = referendum | referendums | referenda | plebiscite | nationwide ballot question | ballot questions | ballot question
            | popular vote on
        s:postalvote = postal voting | postal votes | postal ballots | postal vote | mail-in ballots | mail-in voting | absentee ballots
            | postal ballot | vote by mail
        s:evm = electronic voting machines | electronic voting machine | evm | evms | voting machines
        s:paperballot = paper ballots | paper ballot
        w:require w:election = compulsory voting | mandatory voting | voting is mandatory | voting is compulsory | obliged to vote
        s:unanimity = unanimity | unanimous | unanimously | all member states must agree | all must agree | veto
        s:unanimity = must agree | must all agree | have to agree | need to agree | needs to agree | agree unanimously | every member state must agree
            | each member state must agree
        s:candidatestatus = candidate status | candidate country | candidate to join
        s:membership = membership | accession | accede
        p:eu s:membership = entered the bloc | enter the bloc | entered the eu | enter the eu | entered the union | joined the bloc | join the bloc
            | joining the bloc | joined the eu | join the eu | joining the eu
        s:membership = associate member | associated country | association agreement
            | became a member again
        # Qualifiers that make a different claim (a claim about gross payments is not one about net payments)
        s:gross = gross
        s:net = net | net contribution | net payments
        s:public = state-run | publicly funded | taxpayer-funded | state-funded
        s:private = private | privately
        s:forprofit = for-profit | profit-making | commercial
        s:domestic = domestic | home-grown | homegrown
        s:inner = inner | inner-city
        s:outer = outer | suburban | suburbs
        s:central = central | centre
        s:rural = rural | countryside
        s:urban = urban | cities | city
        s:north = northern | north | northerly
        s:south = southern | south | southerly
        s:east = eastern | east
        s:southeast = south-eastern | south-east | southeastern | southeast
        s:fulltime = full-time | full time | regular
        s:parttime = part-time | part time
        s:headline = headline
        """

    // MARK: - Untyped synonyms (merged for matching; no contrast check)

    static let synonymTable = """
        w:job = position | positions | post | posts
        w:company = company | companies | firm | firms | business | businesses | enterprise | enterprises | corporation | corporations
        w:school = school | schools | classroom | classrooms | schooling system
        w:country = country | countries | nation | nations | member state | member states
        w:government = government | governments | administration | authorities | ministers | cabinet
        w:law = law | laws | legislation | legislative acts | statutes | rules | regulation | regulations | pieces of legislation
        w:citizen = citizens | citizen | nationals | national
        w:person = person | people | persons | individuals | individual | humans beings
        w:voter = voter | voters | electors | the electorate
        w:election = election | elections | general election | vote | votes | poll | polls | ballot | ballots | polling | electoral | race for | race
        w:reunification = reunification | reunited | reunite | reunified | german reunification | unification | reunify
        w:parliamentary = parliamentary | legislative | parliament | lawmakers | legislators | assembly
        @chg+ w:win = win | won | wins | winning | victory | secured | secure | topped the poll | top the poll | came first | landslide
            | majority in parliament | huge majority | commons majority
        w:landslide = big majority | large majority
        w:president = president | presidential | presidency | head of state
        w:president w:election = race for the white house | white house race | presidential race | presidential election | presidential elections
            | race for the presidency
        w:minister = secretary | secretaries
        w:target = target | targets | goal | goals | benchmark | deadline | pledge | promise | promised | pledged
        w:meet = meet | met | hit the target | achieve | achieved | reach the target | meeting
        w:cause = cause | causes | caused | causing | lead to | leads to | led to | responsible for | linked to | attributed to | blamed on | due to
            | because of | triggers | triggered
        w:cause = brought on by | caused by | triggered by | the result of | a result of | due to | blamed for
        w:cause = result in | results in | resulted in | resulting in
        w:risk = risk | risks | likelihood | likely | chance | odds | probability
        w:report = logged | registered | documented
        w:record = all-time | unprecedented | ever | since records began | on record
        @deg+ w:record = record | records | record-breaking | record number of | record numbers of
        w:record = not seen since | not been seen since | unseen since | last seen in | not recorded since | a level last seen
        w:first = never before
        w:average = average | mean | typical
        w:approve = approve | approved | approval | authorise | authorised | authorize | authorized | reauthorised | reauthorise | renew | renewed
            | renewal | license | licensed | licence | licences | licenses | green light | green-lit | permit | permits
        w:allow = allow | allows | allowed | can | lets | let | legal | legalised | able to
        @chg- w:close = close | closed | closes | closing | closure | closures | shut | shut down | shuts | shutting | switch off | switched off | decommission
            | decommissioned | shutdown | taken offline
        w:build = build | built | building | construction | constructed
        w:home = house | houses | dwelling | dwellings | housing | flats | apartments | properties
        w:food = food | foods | foodstuffs
        w:farmproduce = farm produce | agricultural products | agricultural produce | farm products | agri-food products | food exports
        w:patient = patient | patients | people with
        w:hospital = hospital | hospitals | hospital treatment
        w:treatment = treatment | treatments | care | operations
        w:qualify = qualified | qualify | gained their medical degree | trained abroad | obtained their degree
        w:fail = fail | failed | fails | failing | flunk | flunked | flunks | did badly in
        w:abroad = abroad | overseas | outside the uk | outside the country | foreign | from abroad | international | internationally
            | overseas-trained
        w:ambulance = ambulance | ambulances | ambulance crews | paramedics
        w:population = people living
        w:head = per head | per person | per capita | per head of population | per inhabitant | for every person | per resident
            | relative to population | ratio of | per 100,000
        w:size = size | sized
        w:value = value | worth | valued
        w:fund = fund | funds | funding | money | cash | finance | financing | subsidies | payments
        w:effective = effective | effectiveness | protect | protects | protection | efficacy
        w:mast = mast | masts | phone masts | mobile phone masts | antennas | towers
        w:spread = spread | spreads | spreading | transmit | transmitted | transmits | transmission
        w:punctual = punctual | punctuality | on time | on-time | delayed | late
        w:realtime = real-time | real time | live facial recognition
        w:buy = buy | buys | bought | buying | purchase | purchased | purchases | purchasing | buyers | buyer
        w:ship = ship | ships | shipped | shipping | shipments
        w:member = member | members
        w:participate = take part | took part | takes part | taking part | participate | participated | participating | participation | compete
            | competing | feature | features | featured
        w:parent = parents | parent | mum and dad | mom and dad | mother and father | their parents | family home
        w:livewith = live with | lives with | living with | lived with | share a home with | shares a home with | sharing a home with | still at home
        w:memory = memory | memories | remember | remembers | recall | memory span | attention span
        w:programme = programme | programmes | program | programs | scheme | schemes | initiative
        w:cap = cap | caps | capped | capping | limit | limits | limited | ceiling | upper limit
        w:prepare = prepare | prepared | preparing | preparation | preparations | get ready | getting ready | got ready | ready to host
        w:setaside = set aside | sets aside | earmarked | earmark | ring-fenced
        m:regularisation = regularise | regularised | regularises | regularisation | regularize | regularized | regularization | granted legal status
            | gave legal status | legal status | amnesty
        w:pay = pay | pays | paid | paying
        w:freeze = frozen | freeze | freezes | froze | blocked | block | withheld | withhold | suspended funds
        w:contribution = contribution | contributions | paid into | handed | hand | sent | send | sends | transferred
        w:market = market | markets | marketplace
        w:trade = trade | trading | commerce | traded | trades
        w:supply = supply | supplies | supplied | supplier | suppliers | provide | provides | provided | provider | account for | accounts for
            | accounted for | make up | makes up | made up | take up | takes up | comes from | come from | came from | deliver | delivers | delivered
            | source | sources
        w:supply = originate | originated | originates | originating | stem from | stems from | stemmed from | derive from | derived from
            | derives from | originated in | originated from
        w:storage = storage | reserves | stockpile | stockpiles | storage facilities | tanks
        w:fill = fill | filled | filling
        w:invasion = invasion | invade | invaded | war in ukraine | the war | full-scale invasion
        w:before = before | prior to | ahead of | until
        w:pipeline = pipeline | pipelines | piped
        w:plant = plant | plants | power plants | power stations | power station | stations | facilities | facility | reactors | reactor
        w:paybackenergy = pays back | pay back | payback | pay for itself | recoup | recoups
        w:paybackenergy m:energy = generate as much energy as | produce as much energy as | generates as much energy as | produces as much energy as
            | as much energy as went into
        w:doctoraccess = access | see a doctor
        w:investigate = investigation | investigate | probe | inquiry
        w:breach = breach | breaches | breaking | broke | violation | violations
        w:accuse = accuse | accused | accusation | allegations | alleged | faces | facing
        w:profession = profession | teaching | the job | leave the profession
        w:decision = decision | decisions | decide | decided
        w:outcome = outcome | outcomes | result | results
        w:change = change | changed | changes | swung | swing | swings | altered | alter | overturned | overturn | flipped | flip
            | decided the outcome | determined
        w:agree = agree | agreed | agreement | consent | sign off
        w:require = require | requires | required | requirement | need | needs | necessary
        w:represent = representing | represent | represents | home to
        w:recession = recession | technical recession | two quarters of contraction | two consecutive quarters of contraction
            | two quarters in a row of contraction | two consecutive quarters of negative growth | recessionary | two quarters in a row
            | two consecutive quarters | two straight quarters | two successive quarters | two quarters of negative growth
        w:movement = moving | move | moves | relocation | relocating | trek | shuttling
        w:cost = price tag
        w:taxpayer = taxpayer | taxpayers | the public purse
        w:legal = lawful
        w:candidate = candidate | candidacy | applicant
        w:officially = formally | official
        w:transferwindow = transfer window | window
        w:club = club | clubs | team | teams | side | sides | squad
        w:league = league | leagues | division | competition | tournament
        w:player = player | players | footballer | footballers
        w:sport = sport | sports | football | soccer
        w:study = study | studies | studying | research | scientific
        w:launch = lifted off | lift off | blasted off | took off
        w:telescope = telescope | observatory | space telescope
        w:planet = exoplanet | exoplanets
        w:strike = strike | strikes | struck | striking
        w:lightning = lightning | bolt
        w:place = place | spot | location
        w:twice = repeatedly
        w:brain = brain | brains
        w:octopus = octopus | octopuses | octopi | octopus's
        w:heart = heart | hearts
        w:great = great wall
        w:visible = visible | seen | see | seeable | naked eye | with the naked eye
        w:nakedeye = without a telescope | without binoculars | unaided | without any aid
        w:space = space | from space
        w:health = health | healthy | medical
        w:lifetime = lifetime | life
        w:rate = rate | rates | ratio
        w:level = level | levels
        w:number = number | numbers | count | total | totals | tally | amount | quantity
        w:new = new | newly | brand-new
        w:now = at present | presently | nowadays | these days
        w:public = publicly | the public
        w:still = continues to | continue to | remains | remain | remained | stayed | stay | stays
        w:become = turned | turn | turns | turned into | turned from
        w:reintroduce = return of
        """

    // MARK: - Soft equivalences

    /// `credit a b c` makes every pair compatible; `credit hub > a b c` links the hub to each of the others only
    /// (far right ~ National Rally and far right ~ AfD, but not National Rally ~ AfD). The credit is what a match
    /// between the two tokens is worth in the lexical score, and a compatible pair is never a substitution.
    static let compatibilityTable = """
        0.8 eu europe
        0.7 uk > england scotland wales nireland
        0.5 eurozone eu
        0.8 farright > rn afd pvv fpo vox fdi swedendemocrats reformuk
        0.8 farleft > lfi podemos linke
        0.7 pupil child
        0.6 gp doctor
        0.7 renewable > wind solar hydro geothermal biomass cleanenergy
        0.6 fossil > coal gas oil
        0.7 ghg > co2 methane nitrogen no2
        0.7 heat temperature
        0.7 spending budget
        0.7 spending investment
        0.6 cost price
        0.7 commission eu
        0.6 cost inflation
        0.7 migration > immigration netmigration emigration
        0.7 user consumption
        0.7 buy sales
        0.7 casualty death
        0.7 transport > bus rail metro flight car publictransport
        0.7 participate turnout
        0.6 value houseprice
        0.7 wage pay
        0.7 spending pay
        0.7 asylumseeker asylumclaim
        0.7 refugee asylumseeker
        0.7 waitingtime waitinglist
        0.7 setaside saving
        0.7 setaside budget
        0.7 setaside spending
        0.7 attendance turnout
        0.6 migrant immigration
        0.6 refugee migrant
        0.7 cost houseprice
        0.6 price houseprice
        0.7 memory remember
        0.6 mancity urban
        0.7 breach charge
        0.7 tax tariff
        0.7 price inflation
        0.7 netmigration immigration
        0.7 coverage vaccine
        0.7 bundestag federal
        0.7 charge fee
        0.6 youth student
        0.8 farmer agriculture
        0.6 death homicide
        0.6 inflation price
        0.6 employment workforce
        0.6 emission production
        0.6 export trade
        0.6 import trade
        0.7 vaccine vaccinated
        0.7 university student
        0.6 capacity fill
        0.8 value valuation
        0.6 soldier defence
        0.7 homeowner homeownership
        0.8 employment job
        0.7 pupil student
        0.6 oecd richcountries
        0.8 tourist tourism
        0.6 head rate
        0.7 person population citizen
        0.7 home household
        0.7 alcohol > wine beer
        0.7 drug > cannabis cocaine heroin
        0.7 meat > beef pork poultry
        0.7 dairy > milk cheese butter
        0.7 sugar > sugarydrink
        0.7 internet > broadband
        0.6 airpollution > no2 particulates ozone emission
        0.7 tourism hospitality
        0.6 forest deforestation
        0.7 illness case
        0.6 inflation cost
        0.7 passenger journey
        0.7 ocean sealevel
        """

    // MARK: - Direction, negation, structure words

    static let functionTable = """
        # Change (a movement over time). Contrasts: rise/fall, introduce/abolish.
        @chg+ = rise | rises | rising | risen | rose | increase | increases | increased | increasing | grow | grows | grew | grown | growth | growing
            | climb | climbed | climbing | climbs | soar | soared | soaring | jump | jumped | jumps | surge | surged | surging | expand | expanded
            | expanding | expansion | expands | gain | gained | gains | go up | went up | gone up | goes up | up | boost | boosted | raise | raised
            | raising | raises | lift | lifted | lifts | hike | hiked | hikes | accelerate | accelerated | swell | swelled | mount | mounted | rebound
            | rebounded | recover | recovered | recovery | spike | spiked | escalate | escalated | upturn | rocket | rocketed | skyrocket
            | skyrocketed | balloon | ballooned | pick up | picked up | widen | widened | strengthen | strengthened | improve | improved | improvement
            | heating up | warming | warm up | rising to | heal | healed | heals | add | added | adds | adding | create | created | creates | creating
        @chg- = fall | falls | falling | fell | fallen | drop | dropped | drops | dropping | decline | declined | declines | declining | decrease
            | decreased | decreases | decreasing | shrink | shrank | shrunk | shrinks | shrinking | contract | contracted | contracts | contracting
            | contraction | dip | dipped | dips | plunge | plunged | plunges | slump | slumped | sink | sank | sunk | slide | slid | tumble | tumbled
            | cut | cuts | cutting | reduce | reduced | reduces | reducing | reduction | reductions | slash | slashed | collapse | collapsed
            | collapses | ease | eased | easing | go down | went down | gone down | down | bring down | brought down | brings down | shed | plummet
            | plummeted | crash | crashed | diminish | diminished | dwindle | dwindled | erode | eroded | narrow | narrowed | weaken | weakened | slow
            | slowed | slowing | slowdown | loss | losses | melt | melted | melting | retreat | retreated | downturn | fallen back | shrinkage
            | pushed down | push down | pushes down | driven down | drove down | dragged down
        # Introduce/abolish are direction too (reintroduced conscription vs abolished conscription)
        @chg+ w:reintroduce = reintroduce | reintroduced | reinstate | reinstated | bring back | brought back | brings back | restore | restored
            | revive | revived | introduce | introduced | introduces | adopt | adopted | adopts | impose | imposed | imposes | imposing
        # Starting and ending something (a programme, a policy, a line): the two sides of a contrast
        @chg+ w:launch = launch | launched | launches | launching
        @chg+ w:open = open | opened | opening | opens | reopen | reopened | inaugurate | inaugurated | inaugurates
        @chg+ s:membership = join | joined | joining | joins | rejoin | rejoined | rejoins | re-join | re-joined
        @chg- w:leave = withdraw | withdrew | withdrawn | withdraws | withdrawing | withdrawal | pull out of | pulled out of | pulls out of
        # Lifting a ban allows (a negated ban), so it contradicts the ban itself
        w:allow = lift the ban | lifted the ban | lifts the ban | lifting the ban | lift its ban | lifted its ban | lifts its ban
            | lift a ban | lifted a ban | end the ban | ended the ban | ended its ban | scrap the ban | scrapped the ban | scrapped its ban
            | overturn the ban | overturned the ban | overturned its ban | repeal the ban | repealed the ban | repealed its ban | unban | unbanned
            | lifted restrictions | lift restrictions | lifted its restrictions
        @chg- w:abolish = abolish | abolished | abolishes | abolition | scrap | scrapped | scraps | scrapping | do away with | did away with
            | eliminate | eliminated | phase out | phased out | get rid of | got rid of | repeal | repealed | eradicate | eradicated | eradicates
            | eradication | declared free of | free of | wiped out | ended | ends | end | put an end to | brought an end to
        # Degree (a level compared). Comparatives also open "… than …".
        @deg+ @cmp = more | higher | greater | larger | bigger | faster | quicker | richer | stronger | longer | wider | heavier | costlier | dearer
            | pricier | busier | deadlier | more quickly | more rapidly | more common | more likely | more often | outnumber | outnumbers
        @deg+ @cmp m:temperature = warmer | hotter
        @deg- @cmp = less | fewer | lower | smaller | slower | cheaper | colder | weaker | shorter | narrower | lighter | less likely | less common
            | more slowly | less often | less quickly
        @deg+ = most | highest | greatest | largest | biggest | fastest | fastest-growing | quickest | richest | strongest | longest | widest
            | heaviest | deadliest | busiest | costliest | most expensive | top | peak | majority | the majority of | record high | all-time high
            | highest ever | fastest-warming | most prevalent | most common | biggest killer | leading cause | number one
        @deg+ m:temperature = warmest | hottest
        @deg- = least | fewest | lowest | smallest | slowest | slowest-growing | poorest | cheapest | coldest | weakest | shortest | narrowest
            | lightest | minority | record low | all-time low | lowest ever | slowest-warming | least common | trailing
        # Plain adjectives: a direction only after this/so/as ("not this high since 2008", "as many … as")
        @adj+ = high | big | large | many | much | fast | quick | good | rich | hot | strong | long | wide | heavy | expensive | common | great | bad
            | deadly | busy
        @adj- = low | small | little | poor | cheap | weak | short | light | rare
        # Overtake-type verbs: "A overtook B" means A now ahead of B. "B was overtaken by A" is the passive.
        @over = overtake | overtook | overtaken | overtakes | overtaking | surpass | surpassed | surpasses | outpace | outpaced | outpaces | outstrip
            | outstripped | outstrips | outgrow | outgrew | outsell | outsold | outrank | outranked | eclipse | eclipsed | beat | beats | leapfrog
            | leapfrogged | pull ahead of | pulled ahead of | edged past | moved ahead of | outperform | outperforms | outperformed | outdo | outdid
            | outscore | outscored
        # "A lost its place … to B" is "B overtook A" (handled structurally); otherwise a fall.
        @lose @chg- = lose | lost | loses | losing
        # Negation; their parity is compared. Absorbed by the negated superlative ("no X … more than Y").
        @neg = not | no | never | none | nothing | nobody | nowhere | neither | nor | without | non | no longer | not any | failed to | fail to
            | fails to | failure to | miss | missed | misses | missing | lack | lacks | lacked | refuse | refused | refuses | deny | denied | denies
            | reject | rejected | rejects | rejection | said no | say no | voted no | decline to | declined to | stayed out of | stay out of
            | kept out of | keep out of | avoided | avoid | absent | cannot | unable | n't | other than | except | except for | excluding | apart from
            | besides | aside from | with the exception of | but not | instead of | rather than | zero
        @neg = fall short of | fell short of | fallen short of | falls short of | falling short of | short of its target | missed its target
            | off target
        @deg+ = exceed | exceeded | exceeds | exceeding | overshot | overshoot | beat its target | ahead of target
        @eq = equal | equally | the same | same amount | as much as | parity | identical | on a par | level with | equal pay
        @neg w:allow = ban | bans | banned | banning | prohibit | prohibits | prohibited | prohibition | outlaw | outlawed | outlaws | forbid
            | forbids | forbidden | forbade | illegal | unlawful | halt | halted | halts | stop | stopped | stops | suspend | suspended | suspends
            | bar | barred | bars | no longer allow | no longer allowed | put on hold | puts on hold | on hold
        @neg w:school = out of school | out of education | not in school | not at school
        @neg s:internet = offline | not online | no internet access | without internet | without internet access | never used the internet
        @few = few | hardly any | only a handful of | a handful of | scarcely any
        # Attribution wrappers and fillers carry no claim content
        @attr = say | says | said | saying | claim | claims | claimed | claiming | estimate | estimates | estimated | show | shows | showed | shown
            | suggest | suggests | suggested | report | reports | reported | according to | according | told | tell | insisted | insist | warned
            | warn | stated | state that | argue | argues | argued | announced | announce | found | finds | confirmed | confirm | believe | believes
            | expect | expects | expected | data show | figures show | official figures | statistics show | latest figures | new figures | data
            | figures | statistics | official data | official statistics | analysis | survey | study found | research shows
        @drop = for the first time | first time | on average | in total | in all | so far | to date | as a whole | overall | in general | generally
            | altogether | in real terms | once inflation is taken into account | after inflation | adjusted for inflation | in a row | consecutive
            | straight | successive | running | roughly | about | around | approximately | some | nearly | almost | close to | just | only | barely
            | merely | slightly | well | virtually | practically | largely | mostly | about a | an estimated | the equivalent of | equivalent to
            | to become | become | became | now | currently | today | still | already | even | also | both | all | every | each | whole | entire
            | full | any | other | another | such | same | own | its | their | this year | last year | that year | next year | a year earlier
            | the year before | year-on-year | year on year | the previous year | than the year before | compared with | compared to | by comparison
            | respectively | put together | combined | together | in both | both in | as well as | along with | alongside | once again | again
            | already | really | actually | indeed | officially | reportedly | apparently | allegedly | supposedly | likely to be | set to | is set to
            | are set to | due to be | plans to | planned | plan | plans | will | would | could | should | might | may have | have to | has to | must
            | able | was able | measured by value | by value | in value terms | in cash terms | definition | the definition of | textbook definition
            | meeting the definition of | meeting the textbook definition of | by definition | enter | entered | enters | entering | slipped into
            | slip into | fell into | tipped into | proportionally | relative to population size | month-on-month | month on month | the month before
            | a month earlier | quarter-on-quarter | than twelve months earlier | than 12 months earlier | than a year earlier | than a year before
            | than the previous year | twelve months earlier | 12 months earlier | in the 12 months to | the 12 months to | in the twelve months to
            | the twelve months to | in the year to | the year to
        """
}
