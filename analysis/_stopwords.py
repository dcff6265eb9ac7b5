"""Stop words for theme extraction (English from scikit-learn, French and Spanish here)."""

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

FRENCH = """
a afin ai aie aient aies ait alors as au aucun aucune aupres auquel aura aurai auraient
aurais aurait auras aurez auriez aurions aurons auront aussi autre autres aux auxquelles
auxquels avaient avais avait avant avec avez aviez avions avoir avons ayant ayez ayons bien
c ca car ce ceci cela celle celles celui cependant certain certaine certaines certains ces
cet cette ceux chaque chez ci comme comment d dans de des depuis donc dont du elle elles en
encore entre es est et etaient etais etait etant etc ete etes etiez etions etre eu eue eues
eumes eurent eus eusse eussent eusses eussiez eussions eut eutes eux fait faire fais font
furent fus fusse fussent fusses fussiez fussions fut futes ici il ils j je jusqu jusque l la
le les leur leurs lors lui m ma mais me meme memes mes moi moins mon n ne ni non nos notre
nous on ont ou par parce pas peu peut plus pour pourquoi puis qu quand que quel quelle
quelles quels qui quoi s sa sans se sera serai seraient serais serait seras serez seriez
serions serons seront ses si sien sienne soi soient sois soit sommes son sont sous soyez
soyons suis sur t ta te tes toi ton tous tout toute toutes tres tu un une vers voici voila
vos votre vous y
"""

SPANISH = """
a al algo algunas algunos ante antes como con contra cual cuales cuando cuanto de del desde
donde dos e el ella ellas ellos en entre era erais eramos eran eras eres es esa esas ese eso
esos esta estaba estabais estabamos estaban estabas estad estada estadas estado estados
estais estamos estan estar estas este esto estos estoy fue fuera fueron fui fuimos ha habeis
haber habia habian habias han has hasta hay he hemos la las le les lo los mas me mi mia mias
mio mios mis mucho muchos muy nada ni no nos nosotras nosotros nuestra nuestras nuestro
nuestros o os otra otras otro otros para pero poco por porque que quien quienes se sea sean
ser si sido siempre sin sobre sois solo somos son soy su sus suya suyas suyo suyos tambien
tanto te teneis tenemos tener tengo ti tiene tienen todo todos tu tus tuya tuyas tuyo tuyos
un una uno unos usted ustedes vosotras vosotros vuestra vuestras vuestro vuestros y ya yo
"""

STOP_WORDS = {
    "en": frozenset(ENGLISH_STOP_WORDS),
    "fr": frozenset(FRENCH.split()),
    "es": frozenset(SPANISH.split()),
}
