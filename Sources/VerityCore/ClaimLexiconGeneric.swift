// Generic claim vocabulary: the verbs, nouns and adjectives claims are made of, whatever their topic — changes and
// levels, reporting verbs and fillers, people and occupations, measured quantities, common subjects and the
// qualifiers that make a different claim. Same line format as ClaimLexiconData.swift (read its header); the tables
// there are compiled first and win where an alias is defined twice.
//
// Rules kept while writing it: the two sides of a contrast (rose/fell, employers/employees, permanent/temporary,
// the rich/the poor, accidents/deaths) never share a line; a word whose senses differ across claims ("hit",
// "start", "support", "issue") is left out rather than guessed; things that are measured or talked about get a type
// (population, measure, subject) so that a swap is caught, synonyms without a contrast get an untyped concept (w:).

extension ClaimLexicon {
    // MARK: - Structure: directions, reporting, fillers

    static let genericFunctionTable = """
        @chg+ = edge up | edged up | edges up | inch up | inched up | inches up | creep up | crept up | creeps up | tick up | ticked up | ticks up
            | nudge up | nudged up | push up | pushed up | pushes up | pushing up | drive up | drove up | driven up | drives up | driving up
            | send up | sent up | ramp up | ramped up | ramps up | step up | stepped up | steps up | scale up | scaled up | gather pace
            | gathered pace | gain ground | gained ground | on the rise | on the up | upswing | upward trend | multiplied | multiply | multiplies
            | intensify | intensified | intensifies | deepen | deepened | broaden | broadened | enlarge | enlarged | extend | extended | extends
            | extension | inflate | inflated | spiral | spiralled | spiraled | shoot up | shot up | shoots up | leap | leapt | leaped | leaps
            | go through the roof | went through the roof | mushroom | mushroomed | snowball | snowballed | boom | boomed | booming | flourish
            | flourished | upturn in | bolster | bolstered | top up | topped up | widening | heighten | heightened | amplify | amplified
            | augment | augmented | hired | hiring | recruit | recruited
            | recruiting | recruitment | take on | took on | taken on
        @chg- = edge down | edged down | edges down | inch down | inched down | tick down | ticked down | ticks down | nudge down | nudged down
            | scale back | scaled back | scale down | scaled down | wind down | wound down | pare back | pared back | cut back | cutback
            | cutbacks | trim | trimmed | trims | trimming | slip | slipped | slips | sag | sagged | nosedive | nosedived | lose ground
            | lost ground | on the decline | on the wane | wane | waned | decelerate | decelerated | downswing | downward trend | fall back
            | fell back | go backwards | went backwards | subside | subsided | abate | abated | recede | receded | taper | tapered | rein in
            | reined in | lessen | lessened | minimise | minimised | deplete | depleted | decimate | decimated | cool | cooled | cooling | dampen
            | dampened | squeeze | squeezed | diminishing | dwindling | axe | axed | pull back | pulled back | retrench | retrenched | downsize
            | downsized | downsizing
        @chg- m:employment = lay off | laid off | lays off | layoffs | lay-offs | redundancies | made redundant | shed jobs | job cuts
            | job losses | axed jobs | cut jobs | cutting jobs | jobs were lost | jobs lost
        @deg+ = top spot | top place | first place | at the top of | tops the | leads the | led the | led the world | foremost | pre-eminent
            | dominant | dominates | dominated | unrivalled | unmatched | highest-ever | fresh high | highest on record
            | historic high | unprecedented high
        @deg+ @cmp m:height = taller
        @deg+ m:height = tallest
        @deg- = last place | bottom of | at the bottom of | rock bottom | rock-bottom | lags | lagged | lags behind | lagged behind | lagging
            | laggard | trails | trailed | minimum level | lowest-ever | least-developed | lag | lag behind | fall behind | fell behind | falls behind
            | falling behind | behind most | behind other | behind many
        @deg+ = is ahead of | are ahead of | was ahead of | were ahead of | ahead of most | ahead of other | ahead of many | ahead of all
            | outstrips most | lead the world
        @neg = declared the end of | declared an end to | an end to | came to an end
        @drop = the end of | at the end of | by the end of | until the end of | end of | end-of | towards the end of
        w:last = last | the last | was the last
        m:surplus = in the black | in surplus | balanced its books with money to spare
        m:deficit = in the red | in deficit
        w:centreleft = centre-left | center-left | left-wing | left-leaning
        w:centreright = centre-right | center-right | right-wing | right-leaning
        w:election = parliamentary election | parliamentary elections | parliamentary vote | legislative election | legislative elections
            | national election | national elections | general elections
        m:homeownership = own the home | own the homes | own a home | owns a home | owned their home | own the property | own their property
        # best/worst: a direction once the claim's measure says whether more is better (see ClaimLexicon.polarity)
        @qual+ w:best = best | best-performing | top-performing | finest | most successful | strongest performance
        @qual+ @cmp w:best = better | better-performing
        @qual- w:worst = worst | worst-performing | poorest-performing | worst-hit | hardest-hit | weakest performance | most deprived
            | least successful
        @qual- @cmp w:worst = worse | worse-performing | poorer-performing
        @attr = reveal | revealed | reveals | indicate | indicates | indicated | stress | stressed | stresses | point out
            | pointed out | points out | acknowledge | acknowledged | acknowledges | admit | admitted | admits | assert | asserted | asserts
            | maintain | maintained | maintains | contend | contended | calculate | calculated | calculates | calculations | projection
            | projections | projected | forecast | forecasts | forecasted | predict | predicted | predicts | prediction | publish | published
            | publishes | census | the census | according to figures | according to data | according to official figures
            | according to government figures | according to the latest figures | according to estimates | government figures
            | government data | the latest data | latest statistics | official estimates | estimates show | a report by | a report from
            | a study by | a study from | research by | a survey by | an analysis by | researchers found | scientists say | experts say
            | officials say | observers say | critics say | campaigners say | ministers say | the ministry said | the agency said | a new report
            | a new study | figures released | data released | statistics released | figures published | data published | figures suggest
            | data suggest | data suggests | evidence shows | evidence suggests | it emerged | it was revealed | records show | polling shows
            | polls show | opinion polls show | a poll found | surveys show | a survey found
        @drop = stood at | stands at | standing at | amounted to | amounts to | amount to | a total of | totalling some | in the order of | the order of | the tune of | to the tune of
            | hold | holds | held | holding | possess | possesses | possessed | happen | happened | happens | occur | occurred | occurs
            | take place | took place | takes place | taken place | nationwide | across the country | around the country | countrywide
            | up and down the country | across the nation | right now | at the moment | at this point | in recent years | in recent times
            | of late | lately | alone | on its own | by itself | in itself | single-handedly | relative to | in relation to | as a share of
            | as a proportion of | as a percentage of | compared with the size of | in proportion to | as a fraction of | as a ratio of
            | so-called | what is known as | known as | described as | considered | regarded as | seen as | deemed | counted as | classed as
            | classified as | defined as | termed | dubbed | called | named | end up | ended up | ends up | wind up | wound up | manage to
            | managed to | manages to | succeed in | succeeded in | go on to | went on to | come to be | came to be | tend to | tends to | tended to
            | continue | continued | continues | continuing | keeps on | kept on | carries on | carried on | remain at | remained at
            | stay at | stayed at | far more | much more | considerably | significantly | substantially | sharply | steeply | dramatically
            | markedly | noticeably | rapidly | swiftly | gradually | steadily | slowly | modestly | marginally | somewhat | a bit
            | a little | a lot | massively | hugely | vastly | greatly | strongly | heavily | deeply | highly | extremely | particularly
            | especially | notably | above all | in particular | at least partly | partly | partially | in part | mainly | mostly | largely
            | chiefly | primarily | predominantly | overwhelmingly | almost entirely | entirely | fully | completely | totally | wholly
            | altogether | expected to be | likely to | is likely | are likely | thought to be | believed to be | estimated to be | said to be
            | reported to be | understood to be | set for | on course to | on track to | intend to | intends to | intended to | aim to
            | aims to | aimed to | want to | wants to | wanted to | seek to | seeks to | sought to | hope to | hopes to | in the past
            | historically | traditionally | at one point | at some point | once more | for its part | meanwhile | however | nevertheless
            | nonetheless | though | although | despite | in spite of | even though | indeed | in fact | actually | in reality | effectively
            | essentially | basically | in practice | in effect | virtually all | pretty much | more or less | give or take | or so
            | and counting | and rising | so far this year | year to date | to this day | driven by | fuelled by | fueled by
        """

    // MARK: - People and occupations (a population swap is a different claim)

    static let genericPopulationTable = """
        g:engineer = engineers | engineer | engineering graduates
        g:researcher = researchers | researcher | scientists | scientist | research staff
        g:lawyer = lawyers | lawyer | solicitors | solicitor | barristers | barrister | attorneys | attorney
        g:judge = judges | judge | magistrates | magistrate | the judiciary
        g:pilot = pilots | pilot
        g:miner = miners | miner | coal miners
        g:builder = builders | builder | construction workers | construction worker | tradespeople | tradesmen
        g:carer = carers | carer | care workers | care worker | caregivers | caregiver | care staff | home helps
        g:cleaner = cleaners | cleaner
        g:firefighter = firefighters | firefighter | firemen | fireman | fire crews | fire brigade
        g:journalist = journalists | journalist | reporters | reporter | media workers
        g:politician = politicians | politician | elected officials | elected representatives
        g:civilservant = civil servants | civil servant | public servants | public sector workers | public-sector workers | state employees
            | government employees | bureaucrats | public employees
        g:healthworker = health workers | healthcare workers | health-care workers | health staff | nhs staff | medical staff | clinicians
            | health professionals | healthcare staff | hospital staff
        g:socialworker = social workers | social worker
        g:pharmacist = pharmacists | pharmacist | chemists
        g:dentist = dentists | dentist | dental practices | dental surgeries
        g:midwife = midwife | midwifery
        g:surgeon = surgeons | surgeon
        g:veteran = veterans | veteran | ex-servicemen | former soldiers | ex-service personnel
        g:disabled = disabled people | disabled | people with disabilities | people with a disability | disability | disabilities | wheelchair users
        g:singleparent = single parents | single parent | single mothers | single-parent families | lone parents | lone parent
        g:father = fathers | father | dads | dad
        g:employer = employers | employer | bosses | business owners
        g:consumer = consumers | consumer | shoppers | shopper | customers | customer | clients | households' spending
        g:borrower = borrowers | borrower | debtors | mortgage holders | mortgage-holders
        g:saver = savers | saver | depositors
        g:investor = investors | investor | shareholders | shareholder | stockholders
        g:rich = the rich | rich people | the wealthy | wealthy people | the wealthiest | wealthiest | the richest | richest people | billionaires
            | billionaire | millionaires | millionaire | high earners | top earners | higher earners | high-income households | high-income earners
            | richest households | richest 10% | top 1% | the top 1% | the 1%
        g:poor = the poor | poor people | the poorest | poorest people | poorest households | low-income households | low-income families
            | low earners | low-paid | low paid | lower earners | lowest earners | low-income earners | low-paid workers | the low-paid
        g:middleclass = middle class | middle-class | middle classes | middle-income | middle earners | middle-income households
        g:apprentice = apprentices | apprentice | apprenticeships | apprenticeship | trainees
        g:toddler = toddlers | toddler | under-fives | under fives | preschoolers | pre-school children | infants at nursery
        g:athlete = athletes | athlete | sportspeople | sportsmen | sportswomen | olympians
        g:fan = fans | supporters
        g:passenger = passengers | passenger | travellers | traveller | riders | commuters | commuter | passenger numbers | ridership
        g:tourist = tourists | tourist | visitors | visitor | holidaymakers | holiday-makers | sightseers | day-trippers | day trippers
            | international arrivals | foreign visitors | overnight visitors
        g:expat = expats | expat | expatriates | expatriate | emigrants | emigrant | diaspora
        g:worker = working people | working-age people | working age people | people of working age | working-age adults
        g:owner = owners | owner | landowners | property owners
        g:seller = sellers | seller | vendors | vendor
        """

    // MARK: - Measured quantities (what a number is of)

    static let genericMeasureTable = """
        m:poverty = poverty | in poverty | living in poverty | below the poverty line | poverty line | poverty rate | deprivation | destitution
            | deprived | impoverished | on the breadline | hardship | material deprivation | at risk of poverty | poverty risk | food insecurity
            | food insecure
        m:wealth = wealth | fortune | fortunes | net worth | assets | personal wealth | household wealth
        m:inequality = inequality | inequalities | gap between rich and poor | income gap | wealth gap | gini | gini coefficient | income inequality
            | wealth inequality | unequal
        m:productivity = productivity | output per hour | output per worker | output per hour worked | labour productivity
        m:workinghours = working hours | hours worked | working week | work week | working time | hours a week at work | overtime
        m:accident = accidents | accident | collisions | collision | road accidents | road crashes | car crashes | crash rate
        m:arrest = arrests | arrest | arrested | detained | detentions | detention | taken into custody | custody
        m:conviction = convictions | conviction | convicted | found guilty | guilty verdicts | conviction rate
        m:reoffending = reoffending | reoffend | reoffended | re-offending | recidivism | reoffenders | repeat offenders | reconviction
            | commit another crime | commit another offence | commit further crimes | committed another crime | return to prison
            | returned to prison | back behind bars | reconvicted | reoffending rate | reoffending rates
        m:absence = absence | absences | truancy | absenteeism | persistently absent | persistent absence | missed school | miss school
            | missing school | missed lessons | missing lessons | skipped school | skip school | skipping school | off school
            | absent from school | absent from class | school absence | pupil absence | missed classes
        m:dropout = drop out | dropped out | drops out | dropouts | dropout | drop-out rate | dropout rate | early school leavers | left school early
            | leave school early | early leavers
        m:graduation = graduation | graduation rate | complete their degree | completion rate | completed their studies
        m:enrolment = enrolment | enrolments | enrolled | enrol | enrols | intake | school places | university places | applications to university
        m:approval = approval rating | approval ratings | popularity | approve of | satisfaction with | satisfaction rating | net favourability
            | favourability
        m:trust = trust in | confidence in | trusted | trust
        m:rainfall = rainfall | rain | precipitation | rainy
        m:waste = waste | rubbish | garbage | trash | litter | landfill | household waste
        m:recycling = recycling | recycled | recycle | recycles | recycling rate
        m:debtinterest = debt interest | interest payments | interest on the debt | interest on its debt | debt service | debt servicing
            | cost of servicing the debt | servicing its debt | interest bill
        m:yield = bond yields | bond yield | yields | gilt yields | borrowing rate on government bonds
        m:stockmarket = stock market | stock markets | stock exchange | equities | share prices | stock index | ftse | ftse 100 | dax
            | cac 40 | s&p 500 | dow jones | nasdaq | nikkei | the markets
        m:exchangerate = exchange rate | exchange rates | value of the pound | value of the euro | value of the dollar | currency value | currency
        m:species = species | biodiversity | wildlife | wild animals | animal populations | wildlife populations | extinction | extinct
        m:overnightstay = overnight stays | nights spent | hotel nights | bed nights
        m:patent = patents | patent | patent applications
        m:marriage = marriages | marriage | married | weddings | wedding
        m:divorce = divorces | divorce | divorced
        m:ownership = ownership | possession of | in possession of
        m:capacityutil = occupancy | occupancy rate | bed occupancy | full to capacity | overcrowded | overcrowding
        m:cancellation = cancellations | cancelled | canceled | cancelled trains | cancelled flights
        m:death = pass away | passed away | perish | perished | succumb | succumbed
        m:tax = tax take | tax receipts | tax revenue | tax revenues | tax income | taxes raised | revenue from taxes | tax haul
            | collected in tax
        s:corporate m:tax = corporation tax | corporate tax | business tax | company tax | corporate income tax
        m:citizenship = nationality | nationalities | obtain citizenship | become citizens | became citizens | granted citizenship
            | were naturalised | naturalisations
        m:shortage = scarcity | scarce | in short supply | dearth | lack of | not enough
        m:score = attainment | grades | test scores | exam results | marks
        m:wage = take home | takes home | took home
        m:speed = pace
        s:referendum = put to a popular vote | questions to a popular vote | put to a public vote | put to a vote
        w:abroad = cross-border | offshore | across borders
        @neg w:allow = sanction | sanctions | sanctioned | embargo | embargoes | embargoed | boycott | boycotts | boycotted
        s:corporate = corporate
        m:lifeexpectancy = can expect to live | expected to live | expect to live | are expected to live | life expectancy at birth
        s:knifecrime = offences involving a blade | offences involving blades | bladed weapons | bladed weapon | knife offences | knife attacks
            | blade crime | knives | knife
        w:sovereignfund = sovereign wealth fund | sovereign wealth funds | sovereign fund | oil fund | state investment fund | wealth fund
        @chg- m:inflation = deflation | deflationary | falling prices
        w:unchanged = stagnate | stagnated | stagnates | stagnating | stagnation | flatlined | flatline | unchanged | held steady | holds steady
            | remained stable | remains stable | stayed stable | levelled off | leveled off | plateaued | plateau | stable | steady | stalled
            | stalls | stall
        s:vat m:tax = vat | value added tax | value-added tax | sales tax | sales taxes
        s:incometax m:tax = income tax | income taxes | personal income tax
        s:inheritancetax m:tax = inheritance tax | estate tax | death duties
        s:wealthtax m:tax = wealth tax | tax on wealth | wealth taxes
        s:propertytax m:tax = property tax | property taxes
        m:survival = survival | survive | survived | survives | surviving | survivors | survival rate | survival rates
        m:excessdeath = excess deaths | excess mortality | more deaths than expected | deaths above the five-year average
        m:death g:baby = infant mortality | infant deaths | infant mortality rate | child deaths under one
        m:death g:mother = maternal mortality | maternal deaths | women dying in childbirth | deaths in childbirth
        s:hatecrime = hate crime | hate crimes | racially motivated crimes | hate incidents
        s:cybercrime = cybercrime | cyber crime | online fraud | online crime
        s:domesticabuse = domestic abuse | domestic violence | violence in the home | intimate partner violence
        s:stopsearch = stop and search | stop-and-search | stop and searches
        s:schoolmeals = free school meals | school meals | school lunches
        s:studentloan m:debt = student debt | student loans | student loan debt | graduate debt
        s:runoff = run-off | runoff | second round | second-round | the run-off | presidential run-off | second ballot
        s:firstround = first round | first-round | first ballot
        w:coalition = coalition | coalitions | coalition government | governing coalition | governing alliance | ruling coalition
        w:hungparliament = hung parliament | no overall majority
        s:heatpump = heat pump | heat pumps | heat-pump | heat-pumps
        s:battery = battery | batteries | battery storage | battery packs
        m:outage = blackout | blackouts | power cuts | power cut | power outages | power outage | outages
        s:insulation = insulation | insulated | loft insulation | home insulation
        w:netzero = net zero | net-zero | carbon neutral | carbon neutrality | climate neutral | climate neutrality | carbon-neutral
            | climate-neutral
        s:congestion = congestion | traffic jams | gridlock | traffic congestion | stuck in traffic
        s:escooter = e-scooters | e-scooter | electric scooters | electric scooter
        m:emigration = brain drain | exodus | left the country | people leaving
        w:antitrust = antitrust | competition law | competition rules | anti-competitive | abuse of dominance | abusing its dominance
            | monopoly | monopolies
        s:fertiliser = fertiliser | fertilisers | fertilizer | fertilizers | nitrogen fertiliser
        s:ammunition = ammunition | shells | artillery shells | rounds of ammunition
        s:drone = drone | drones | unmanned aerial vehicles | uavs | unmanned aircraft
        w:sponsor = sponsor | sponsors | sponsorship | sponsored | shirt deal | kit deal
        w:stadium = stadium | stadiums | arena | arenas | venue | venues
        m:complaint = complaints | complaint | complained | grievances
        m:strikeaction = strike action | industrial action | walkouts | walkout | stoppages | days lost to strikes | working days lost
        """

    // MARK: - Subjects and qualifiers

    static let genericSubjectTable = """
        s:tourism = tourism | tourist industry | tourism sector | travel industry | tourism industry | tourist trade | tourist sector
        s:hospitality = hospitality | restaurants | restaurant | hotels | hotel | pubs | pub | cafes | catering | hospitality sector
        s:retail = retail | retailers | retailer | shops | shop | stores | high street | high streets | shopping | retail sector
        s:retail m:sales = retail sales
        s:bank = banks | banking | lenders | banking sector | high street banks | commercial banks
        w:centralbank = central bank | central banks | monetary authority | rate-setters | rate setters | monetary policy committee | rate-setting
        s:airport = airport | airports | runway | runways
        s:port = port | ports | harbours | harbour | seaports
        s:forest = forest | forests | woodland | woodlands | trees | tree | tree cover | forest cover | rainforest | rainforests | forested
        s:ocean = ocean | oceans | sea | seas | marine | seawater | ocean water
        s:river = river | rivers | lakes | lake | waterways
        s:coral = coral | corals | coral reef | coral reefs | reef | reefs | coral cover
        s:airpollution = air pollution | dirty air | polluted air | toxic air | poor air quality | air quality | smog | air pollutants
        s:plastic = plastic | plastics | plastic waste | plastic bags | single-use plastic | single-use plastics | plastic packaging
        s:meat = meat | red meat | processed meat
        s:beef = beef | cattle farming
        s:pork = pork | pig meat
        s:poultry = poultry | chicken meat | chickens
        s:dairy = dairy | dairy products
        s:milk = milk
        s:cheese = cheese
        s:butter = butter
        s:fish = fish | fishing | fisheries | fishermen | seafood | fish stocks | fleets fishing
        s:wine = wine | wines | vineyards | winemakers
        s:beer = beer | beers | breweries | brewers
        s:cannabis = cannabis | marijuana | recreational cannabis | recreational marijuana
        s:cocaine = cocaine | crack cocaine
        s:heroin = heroin
        s:gambling = gambling | betting | bookmakers | casinos | gamblers | online betting
        s:gun = gun | guns | firearm | firearms | handgun | handguns | rifle | rifles | pistol | pistols | gun ownership | firearms ownership
            | gun owners
        s:snow = snow | snowfall | snow cover
        s:oxygen = oxygen
        s:hypertension = hypertension | high blood pressure | raised blood pressure | elevated blood pressure
        s:illness = illness | illnesses | ill health | ill-health | sickness | sick | disease | diseases | ailment | ailments | unwell | poor health
            | health problems | health conditions | medical conditions | long-term sickness | long-term illness | chronic illness | chronically ill
            | long-term sick
        s:mentalhealth = mental health | mental illness | mental ill health | anxiety | mental health problems | mental disorders
        s:childcare = childcare | child care | nursery | nurseries | day care | daycare | preschool | pre-school | kindergarten | kindergartens
        s:broadband = fibre | fibre broadband | superfast broadband | full-fibre | gigabit
        s:satellite = satellite | satellites
        s:rocket = launcher | launchers | space rocket | space rockets
        s:robot = robots | robot | robotics | automation
        s:crypto = bitcoin | cryptocurrency | cryptocurrencies | crypto | bitcoin mining
        s:streaming = streaming | streaming service | streaming services | streaming platform | streaming platforms | streamer | streamers
            | video on demand
        s:videogame = video games | video game | gaming | computer games
        s:book = books | book | book publishing
        s:film = films | film | movies | movie | cinema | cinemas | box office
        s:music = music | songs | recorded music
        s:newspaper = newspapers | newspaper | the press | print media
        s:television = television | tv | broadcasters | broadcaster
        s:sugarydrink = fizzy drinks | soft drinks | sugary drinks
        s:fastfood = fast food | junk food | takeaways | ultra-processed food | ultra-processed foods
        s:vitamin = vitamin | vitamins | supplements
        s:permanent = permanent | permanently | open-ended | indefinite
        s:temporary = temporary | temporarily | fixed-term | short-term contracts | zero-hours | zero-hours contracts | zero hours contracts
            | casual | agency work
        s:secondhand = second-hand | used cars | pre-owned | second hand | secondhand
        s:skilled = skilled | highly skilled | high-skilled | qualified workers | skilled workers
        s:lowskilled = low-skilled | unskilled | low skilled | low-skill
        s:minimum = minimum
        s:maximum = maximum
        s:daytime = daytime | during the day | by day
        s:night = night | nights | overnight | at night | night-time | nighttime
        s:weekend = weekend | weekends | saturdays and sundays
        s:indoor = indoor | indoors
        s:outdoor = outdoor | outdoors | in the open air
        s:wholesale = wholesale
        s:public = public sector | state sector
        s:private = private sector | private companies | private firms
        s:entry = entry level | starting salary | starting salaries | entry-level
        """

    // MARK: - Untyped synonyms (no contrast check)

    static let genericSynonymTable = """
        w:host = host | hosts | hosted | hosting | shelter | shelters | sheltered | sheltering | accommodate | accommodates | accommodated
            | accommodating | welcome | welcomed | welcomes | welcoming | look after | looked after | looks after | take care of | took care of
            | give refuge | gave refuge | given refuge | offered refuge | home to refugees
        w:grant = grant | granted | granting | award | awarded | awards | awarding | bestow | bestowed | give | gives | gave | given | giving
            | offer | offered | offers | offering | hand out | handed out | hands out | confer | conferred | extend to
        w:receive = receive | received | receives | receiving | recipient | recipients | obtain | obtained | obtains | handle | handled | handles
            | process | processed | processes | lodged | lodge | submitted | filed
        w:report = recorded | detected | identified | observed | registered | logged | documented | noted down
        w:effect = effect | effects | impact | impacts | influence | consequences | consequence | repercussions | fallout
        w:problem = problem | problems | difficulty | difficulties | challenge | challenges | crisis | crises | trouble | troubles | struggle
            | struggles | struggling | grappling | grapple | grapples | cope with | coping with
        w:harm = harm | harmful | harms | damage | damaged | damages | damaging | dangerous | danger | dangers | hazard | hazardous | toxic
            | detrimental | adverse | unsafe | risky | threat | threats | threaten | threatens | threatened
        w:safe = safe | safety | safely | harmless
        w:trial = trial | trials | clinical trials | clinical trial | testing on humans | studies in humans
        w:legal = legally | lawful | lawfully | legitimate | permitted by law | within the law
        w:court = court | courts | tribunal | tribunals | verdict | verdicts | judgment | judgement
        w:sentence = sentence | sentences | sentenced | imprisoned | locked up | behind bars | prison sentence | prison sentences
        w:agency = agency | agencies | regulator | regulators | watchdog | watchdogs | inspectorate | statutory body
        w:leader = leader | leaders | head of government | premier | prime minister | prime ministers | leadership
        w:party = party | parties | political party | political parties
        w:policy = policy | policies | policy measures | reform | reforms | proposal | proposals | strategy | strategies
        w:agree = deal | deals | pact | pacts | treaty | treaties | agreements
        w:support = in favour of | in favor of | favour | favours | favoured | favor | backs | backing | support for | supportive of

        w:oppose = oppose | opposes | opposed | opposition to | against the | object to | objected to | objects to | disapprove of
        w:want = want | wants | wanted | wish | wishes | would like | desire | demand that | call for | calls for | called for | urge | urged
            | urges
        w:afford = afford | affordable | affordability | unaffordable | can't afford | cannot afford | within reach
        w:doctoraccess = accessible | able to get | able to see | get hold of
        w:connect = connected | connect | connects | connection | connections | linked up | hooked up | online access
        w:leave = leave | leaves | leaving | left | quit | quits | quitting | depart | departed | departs | departing | exit | exited | exits | flee | fled | flees | fleeing
            | abandon | abandoned | abandons | walk away | walked away | move away | moved away | moved out | move out | gone abroad
        w:move = move to | moved to | moves to | moving to | relocate to | relocated to | relocating to | settle in | settled in | settles in
            | migrate to | migrated to
        w:live = live | lives | lived | living | reside | resides | resided | residing | inhabit | inhabits | inhabited
        w:pay = pay for | paid for | pays for | paying for | foot the bill | picked up the bill
        w:entry = entry | entrance | admission | get in | getting in | to enter | access fee | entrance fee | entry fee | admission fee
        w:cheap = inexpensive | low-cost | low cost | affordable price
        w:expensive = pricey | costly | unaffordable price | dear
        w:quality = quality | standard | standards | calibre
        w:exam = exam | exams | examination | examinations | tests at school | assessments | standardised tests
        w:lesson = lessons | lesson | classes taught | teaching hours | instruction | tuition hours
        w:curriculum = curriculum | syllabus | subjects taught | on the timetable
        s:degree = degree-level | graduate-level | university-educated | university educated | tertiary-educated | tertiary educated
            | hold a degree | holds a degree | have a degree | has a degree | with a degree
        w:skill = competence | competences | proficiency | proficient | ability | abilities
        w:language = language | languages | speak | speaks | spoken | speakers | fluent | fluency | mother tongue
        w:religion = religion | religious | faith | faiths | believers | church | churches | churchgoers
        w:culture = culture | cultural | heritage | arts | museums | museum | galleries
        w:land = land | ground | soil | terrain | touched down | touch down | touchdown | landed | landing | lands
        w:building = buildings | structure | structures | skyscraper | skyscrapers
        w:network = network | networks | system | systems | infrastructure | lines | line | routes | route
        w:journey = journeys | journey | trips | trip | rides | ride | passenger journeys | passenger trips | travel by | journeys made
        s:flight = fly | flies | flew | flown | flying | by air | by plane
        s:flight g:passenger = air passengers | air travellers | air passenger numbers
        w:walk = walk | walks | walked | walking | on foot
        w:distance = distance | distances | kilometres travelled | miles travelled | far away | length of
        w:speedup = how fast | speeds up
        w:time = time taken | how long | duration | length of time | lasting for
        w:birthday = birthday | birthdays
        w:weather = weather | climate conditions | meteorological
        w:climate = climate | climatic | climate change | global warming | global heating | warming planet | climate crisis
        w:storm = storm | storms | hurricane | hurricanes | cyclone | cyclones | typhoon | typhoons | tornado | tornadoes | extreme weather
        w:earthquake = earthquake | earthquakes | quake | quakes | tremor | tremors | seismic
        w:disaster = disaster | disasters | catastrophe | catastrophes | natural disasters | calamity
        w:animal = animal | animals | creature | creatures | fauna
        w:plantlife = flora | vegetation | crops | crop | harvest | harvests | yields of crops
        w:space = space exploration | space programme | space agency | outer space missions
        w:mission = mission | missions | spacecraft | space probe | lander | rover
        w:universe = universe | cosmos | galaxy | galaxies | milky way
        w:sun = sun | solar system | the sun's
        w:body = body | bodies | human body | organism
        w:bone = bone | bones | skeleton | skeletal
        w:blood = blood | bloodstream | blood vessels
        w:sleep = sleep | sleeps | slept | sleeping | asleep | hours of sleep
        w:exercise = exercise | exercises | physical activity | physically active | workout | workouts | fitness | keep fit
        w:diet = diet | diets | eating | eat | eats | ate | eaten | consumption of food | nutrition | nutritional
        w:weight = weight | weighs | weighed | weighing | body weight
        w:surplusgoods = glut | oversupply | excess supply
        w:quota = quota | quotas | allocation | allocations | allowance | allowances
        w:fund = subsidy | subsidised | subsidized | subsidise | subsidize | state aid | handouts | bailout | bailouts | rescue package
        w:loan = loan | loans | lending | lend | lends | lent | credit | borrowed money
        w:order = ordered | ordering | bought in | procured | procure | procurement deal
        w:supply = delivery | deliveries | dispatched | supplied to
        w:donate = donate | donated | donates | donation | donations | gift | gifts | gave away | charity | charitable | pledged aid
        w:train = training | train staff | retrain | retraining | upskilling
        w:research = research and development | innovation | innovations | invented | inventions | invention | discovered | discovery
        w:technology = technology | technologies | tech | technological | digital | high-tech | hi-tech
        w:device = device | devices | gadget | gadgets | equipment | hardware
        w:software = software | app | apps | platform | platforms | algorithm | algorithms
        w:data = personal data | user data | data protection | privacy | personal information
        w:security = cybersecurity | cyber security | cyberattack | cyberattacks | cyber-attacks | hacking | hackers | hacked | data breach
        w:misinformation = misinformation | disinformation | fake news | false information | falsehoods | conspiracy theories | hoax | hoaxes
        w:censor = censor | censored | censorship | block access | blocked access
        w:surveillance = surveillance | monitoring | monitored | cameras | cctv
        w:sector = sector | sectors | industry | industries | branch | field
        w:industrial = industrial | industrialised | industrialized | industrial output | factory | factories
        w:person = members of the public | ordinary people | the general public | general population | population at large
        w:island = island | islands | isle | isles | archipelago
        w:coast = coast | coasts | coastline | coastal | shores | shore | seaside
        w:mountain = mountain | mountains | alps | alpine
        w:desert = desert | deserts | arid
        w:capitalcity = capital city | capital cities | the capital
        w:town = town | towns | village | villages | municipality | municipalities | local authority | local authorities | council | councils
            | local councils | borough | boroughs
        w:neighbourhood = neighbourhood | neighbourhoods | district | districts | area of the city | quarter of the city
        w:province = province | provinces | state government | regional government | county | counties
        """
}
