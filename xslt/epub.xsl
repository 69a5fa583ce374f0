<?xml version="1.0" encoding="UTF-8"?>
<!--
  epub.xsl: the assembled volume as an EPUB 3.3 publication.

  The result is one XML document listing the files of the book, each already serialized:
    <ft:book modified="…"><ft:file href="EPUB/package.opf">…text…</ft:file> …</ft:book>
  fortran_tei/epub.py writes them into the zip after `mimetype` and META-INF/container.xml,
  in this order, so the same volume gives the same bytes.

  The book: cover (generated SVG from assets/epub/cover.svg), title page, the navigation
  document (contents, landmarks, page list), then one content document per part in volume
  order: front parts (about, introduction, lists of sources, abbreviations and names), the
  documents (common.xsl's f:documents), and any other text of a TEI file that belongs to
  neither. Content documents live in EPUB/text/, the book's own files in EPUB/, so no xml:id
  (nav, index, cover …) can collide with a generated name.

  Parameters (all optional): identifier (urn:uuid:… derived from the volume id by epub.py),
  modified (from SOURCE_DATE_EPOCH; else the volume's date); fallback-title is common.xsl's.

  Functions, named templates and modes of this output are in the e: namespace, so that f:
  always means common.xsl's shared answers.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:f="https://fortran-tei.org/ns/functions"
    xmlns:h="https://fortran-tei.org/ns/html"
    xmlns:e="https://fortran-tei.org/ns/epub-functions"
    xmlns:ft="https://fortran-tei.org/ns/epub"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns:opf="http://www.idpf.org/2007/opf"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="common.xsl"/>
  <xsl:include href="epub-text.xsl"/>

  <xsl:param name="identifier" as="xs:string" select="''"/>
  <xsl:param name="modified" as="xs:string" select="''"/>

  <!-- Each part is a file of its own: the same ids serve every part. -->
  <xsl:variable name="e:source-anchor" as="xs:string" select="'ft-source'"/>
  <xsl:variable name="e:part-anchor" as="xs:string" select="'ft-top'"/>

  <xsl:variable name="xhtml-output" as="map(*)" select="map {
    'method': 'xhtml', 'html-version': 5.0, 'omit-xml-declaration': false(), 'indent': false(),
    'encoding': 'UTF-8', 'use-character-maps': $f:c1-map }"/>
  <xsl:variable name="xml-output" as="map(*)" select="map {
    'method': 'xml', 'omit-xml-declaration': false(), 'indent': true(), 'encoding': 'UTF-8',
    'use-character-maps': $f:c1-map }"/>

  <!-- ================================================================ the parts -->

  <xsl:variable name="docs" as="element()*" select="f:documents(/)"/>
  <xsl:variable name="doc-set" as="map(*)" select="map:merge($docs ! map { generate-id(.): true() })"/>
  <xsl:variable name="fronts" as="element()*"
      select="f:front-parts(/)[not(ancestor::*[map:contains($doc-set, generate-id(.))])]"/>
  <xsl:variable name="covered" as="map(*)"
      select="map:merge(($docs | $fronts) ! map { generate-id(.): true() })"/>
  <!-- TEI files with text of their own beyond their documents and front parts. -->
  <xsl:variable name="rests" as="element()*" select="
      //TEI[not(map:contains($covered, generate-id(.)))]
           [text//text()[normalize-space()][not(ancestor::*[map:contains($covered, generate-id(.))])]
                                          [not(ancestor::*[f:is-foreign-markup(.)])]]"/>

  <xsl:variable name="parts" as="element()*" select="($docs | $fronts | $rests)"/>

  <!-- File names (in EPUB/text/): common.xsl's stable names, made unique without regard to case. -->
  <xsl:variable name="part-names" as="map(*)">
    <xsl:variable name="raw" as="xs:string*" select="
        for $p in $parts return
          if (map:contains($doc-set, generate-id($p))) then f:doc-file($p)
          else if ($p/self::TEI) then 'part-' || f:safe-name(($p/@xml:id, string(count($p/preceding::TEI) + 1))[1])
          else f:front-file($p)"/>
    <xsl:variable name="lower" select="$raw ! lower-case(.)"/>
    <xsl:sequence select="map:merge(
        for $i in 1 to count($parts) return
          map { generate-id($parts[$i]):
                if (index-of($lower, $lower[$i])[1] lt $i) then $raw[$i] || '-' || $i else $raw[$i] })"/>
  </xsl:variable>

  <xsl:function name="e:file" as="xs:string">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="$part-names(generate-id($part)) || '.xhtml'"/>
  </xsl:function>

  <xsl:function name="e:is-part" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="map:contains($part-names, generate-id($el))"/>
  </xsl:function>

  <!-- The innermost part a node is rendered in. -->
  <xsl:function name="e:part-of" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="($node/ancestor-or-self::*[map:contains($part-names, generate-id(.))])[last()]"/>
  </xsl:function>

  <xsl:function name="e:is-doc" as="xs:boolean">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="map:contains($doc-set, generate-id($part))"/>
  </xsl:function>

  <!-- The label of a part in the contents and its <title>. Documents carry their printed
       number only when the sources give one. -->
  <xsl:function name="e:label" as="xs:string">
    <xsl:param name="part" as="element()"/>
    <xsl:variable name="label" select="
      if (e:is-doc($part)) then string-join((f:given-doc-number($part) ! (. || '.'), f:doc-title($part)), ' ')
      else if ($part/self::TEI) then f:plain(($part/teiHeader/fileDesc/titleStmt/title)[1])
      else (f:plain($part/head[1]), f:plain($part/ancestor::TEI[1]/teiHeader/fileDesc/titleStmt/title[1]))[. ne ''][1]"/>
    <xsl:sequence select="($label[. ne ''], f:readable(($part/@type, local-name($part))[1]))[1]"/>
  </xsl:function>

  <!-- Semantics of a front part: epub:type and the matching ARIA role. -->
  <xsl:function name="e:semantics" as="map(*)?">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="
      if (e:is-doc($part)) then map { 'type': 'chapter', 'role': 'doc-chapter' }
      else map {
        'introduction': map { 'type': 'introduction', 'role': 'doc-introduction' },
        'preface': map { 'type': 'preface', 'role': 'doc-preface' },
        'about': map { 'type': 'preface', 'role': 'doc-preface' },
        'sources': map { 'type': 'bibliography', 'role': 'doc-bibliography' },
        'bibliography': map { 'type': 'bibliography', 'role': 'doc-bibliography' },
        'abbreviations': map { 'type': 'glossary', 'role': 'doc-glossary' },
        'glossary': map { 'type': 'glossary', 'role': 'doc-glossary' },
        'foreword': map { 'type': 'foreword', 'role': 'doc-foreword' },
        'acknowledgements': map { 'type': 'acknowledgments', 'role': 'doc-acknowledgments' }
      }(string($part/@type))"/>
  </xsl:function>

  <!-- ============================================================ book facts -->

  <xsl:variable name="header" as="element(teiHeader)?" select="f:volume-header(/)"/>
  <xsl:variable name="title-stmt" select="$header/fileDesc/titleStmt"/>
  <xsl:variable name="book-title" as="xs:string" select="f:volume-title(/)"/>
  <xsl:variable name="book-subtitle" as="xs:string?" select="f:volume-subtitle(/)"/>
  <xsl:variable name="book-language" as="xs:string" select="f:volume-language(/)"/>

  <!-- Creators with MARC relator roles: authors are "aut", everyone else "edt". -->
  <xsl:variable name="creators" as="map(*)*" select="
    f:volume-editors(/) ! map { 'name': f:plain(.), 'role': if (self::author) then 'aut' else 'edt' }"/>

  <xsl:variable name="publisher" as="xs:string?" select="f:volume-publisher(/)"/>
  <xsl:variable name="book-date" as="xs:string?" select="f:volume-date(/)"/>

  <xsl:variable name="book-modified" as="xs:string" select="
    if (matches($modified, '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$')) then $modified
    else if (exists($book-date)) then substring($book-date || '-01-01', 1, 10) || 'T00:00:00Z'
    else '2000-01-01T00:00:00Z'"/>

  <xsl:variable name="book-identifier" as="xs:string" select="
    if ($identifier ne '') then $identifier else 'urn:fortran-tei:' || f:safe-name(string((/*/@xml:id, 'volume')[1]))"/>

  <!-- Subjects: a reading system lists a few, not a hundred. -->
  <xsl:variable name="subjects" as="xs:string*" select="subsequence(f:volume-topics(/), 1, 8)"/>

  <xsl:variable name="printed-source" as="element()?" select="($header/fileDesc/sourceDesc/(bibl, biblStruct, biblFull))[1]"/>
  <xsl:variable name="page-breaks" as="element(pb)*" select="//text//pb[normalize-space(@n)][exists(e:part-of(.))][not(ancestor::app or ancestor::teiHeader)]"/>

  <!-- The printed edition the page breaks come from: its ISBN as a URN, else its title. -->
  <xsl:variable name="page-break-source" as="xs:string" select="
    (($printed-source//idno[matches(@type, 'isbn', 'i')] ! replace(., '[^0-9Xx]', ''))[. ne ''] ! ('urn:isbn:' || .),
     ($printed-source/title ! f:plain(.))[. ne ''],
     $book-title)[1]"/>

  <!-- ============================================================ the book -->

  <!-- The unnamed mode is the entry only: Python applies it to the document node. -->
  <xsl:mode on-no-match="fail"/>
  <xsl:template match="/">
    <ft:book modified="{$book-modified}" identifier="{$book-identifier}">
      <ft:file href="EPUB/package.opf" media-type="application/oebps-package+xml">
        <xsl:sequence select="serialize(e:package(), $xml-output)"/>
      </ft:file>
      <ft:file href="EPUB/nav.xhtml" media-type="application/xhtml+xml">
        <xsl:sequence select="serialize(e:nav(), $xhtml-output)"/>
      </ft:file>
      <ft:file href="EPUB/cover.xhtml" media-type="application/xhtml+xml">
        <xsl:sequence select="serialize(e:cover-page(), $xhtml-output)"/>
      </ft:file>
      <ft:file href="EPUB/cover.svg" media-type="image/svg+xml">
        <xsl:sequence select="serialize(e:cover-image(), $xml-output)"/>
      </ft:file>
      <ft:file href="EPUB/title.xhtml" media-type="application/xhtml+xml">
        <xsl:sequence select="serialize(e:title-page(), $xhtml-output)"/>
      </ft:file>
      <ft:file href="EPUB/css/epub.css" media-type="text/css">
        <xsl:sequence select="unparsed-text(resolve-uri('../assets/epub/epub.css', static-base-uri()), 'UTF-8')"/>
      </ft:file>
      <xsl:for-each select="$parts">
        <ft:file href="EPUB/text/{e:file(.)}" media-type="application/xhtml+xml">
          <xsl:sequence select="serialize(e:content-document(.), $xhtml-output)"/>
        </ft:file>
      </xsl:for-each>
    </ft:book>
  </xsl:template>

  <!-- An XHTML content document around a body. -->
  <xsl:template name="e:page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="css" as="xs:string" select="'css/epub.css'"/>
    <xsl:param name="lang" as="xs:string" select="$book-language"/>
    <xsl:param name="body" as="node()*"/>
    <xsl:param name="body-type" as="xs:string?" select="()"/>
    <html xml:lang="{$lang}" lang="{$lang}">
      <head>
        <title>{$title}</title>
        <link rel="stylesheet" type="text/css" href="{$css}"/>
      </head>
      <body>
        <xsl:if test="$body-type"><xsl:attribute name="epub:type" select="$body-type"/></xsl:if>
        <xsl:sequence select="$body"/>
      </body>
    </html>
  </xsl:template>

  <!-- ============================================================ content documents -->

  <xsl:function name="e:content-document" as="document-node()">
    <xsl:param name="part" as="element()"/>
    <xsl:variable name="sem" select="e:semantics($part)"/>
    <xsl:variable name="lang" select="(($part/ancestor-or-self::*/@xml:lang)[last()] ! normalize-space(), $book-language)[. ne ''][1]"/>
    <xsl:document>
      <xsl:call-template name="e:page">
        <xsl:with-param name="title" select="e:label($part)"/>
        <xsl:with-param name="css" select="'../css/epub.css'"/>
        <xsl:with-param name="lang" select="$lang"/>
        <xsl:with-param name="body-type" select="'bodymatter'[e:is-doc($part)]"/>
        <xsl:with-param name="body">
          <section id="{$e:part-anchor}" aria-labelledby="ft-h1">
            <xsl:if test="exists($sem)">
              <xsl:attribute name="epub:type" select="$sem?type"/>
              <xsl:attribute name="role" select="$sem?role"/>
            </xsl:if>
            <xsl:apply-templates select="$part" mode="e:part"/>
          </section>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:document>
  </xsl:function>

  <!-- fail: every part is a document, a front part or the rest of a TEI file (the * rule). -->
  <xsl:mode name="e:part" on-no-match="fail"/>

  <!-- A document: "21. Letter From …" with its source note, then its text. -->
  <xsl:template match="*[e:is-doc(.)]" mode="e:part" priority="2">
    <xsl:variable name="doc-div" select="f:document-div(.)"/>
    <xsl:variable name="head" select="f:doc-head(.)"/>
    <xsl:variable name="number" select="f:given-doc-number(.)"/>
    <xsl:variable name="source" select="f:source-note(.)"/>
    <xsl:variable name="inline-source" select="f:inline-source-note(.)"/>
    <h1 id="ft-h1">
      <xsl:for-each select="$number"><span class="docnum">{.}.</span><xsl:text> </xsl:text></xsl:for-each>
      <xsl:choose>
        <xsl:when test="$head">
          <xsl:apply-templates select="$head/node()" mode="h:text">
            <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>{f:doc-title(.)}</xsl:otherwise>
      </xsl:choose>
      <xsl:if test="exists($source) and empty($inline-source)">
        <xsl:call-template name="h:noteref">
          <xsl:with-param name="anchor" select="$e:source-anchor"/>
          <xsl:with-param name="label" select="'*'"/>
          <xsl:with-param name="kind" select="'source'"/>
        </xsl:call-template>
      </xsl:if>
    </h1>
    <xsl:apply-templates select="if (self::TEI) then text/node() else node() except $head" mode="h:text">
      <xsl:with-param name="depth" tunnel="yes" select="1"/>
      <xsl:with-param name="doc-div" tunnel="yes" select="$doc-div"/>
      <xsl:with-param name="doc-head" tunnel="yes" select="$head"/>
    </xsl:apply-templates>
    <xsl:call-template name="e:notes">
      <xsl:with-param name="notes" select="f:footnotes(.)"/>
      <xsl:with-param name="apps" select="f:apparatus(.)"/>
      <xsl:with-param name="source-note" select="$source"/>
      <xsl:with-param name="source-anchor" select="$e:source-anchor"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A front part (a div) or the remaining text of a TEI file. -->
  <xsl:template match="*" mode="e:part">
    <xsl:variable name="own-head" select="self::div/head[1]"/>
    <h1 id="ft-h1">
      <xsl:choose>
        <xsl:when test="$own-head">
          <xsl:apply-templates select="$own-head/node()" mode="h:text">
            <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>{e:label(.)}</xsl:otherwise>
      </xsl:choose>
    </h1>
    <xsl:apply-templates select="if (self::TEI) then text/node() else node() except $own-head" mode="h:text">
      <xsl:with-param name="depth" tunnel="yes" select="1"/>
    </xsl:apply-templates>
    <xsl:call-template name="e:notes">
      <xsl:with-param name="notes" select="e:own(., (.//note[f:is-footnote(.)] | .//note[@type = 'source' or @n = '0'][not(ancestor::app)])[not(parent::person)])"/>
      <xsl:with-param name="apps" select="e:own(., .//app)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The nodes of a part that no inner part renders. -->
  <xsl:function name="e:own" as="element()*">
    <xsl:param name="part" as="element()"/>
    <xsl:param name="nodes" as="element()*"/>
    <xsl:sequence select="$nodes[e:part-of(.) is $part]"/>
  </xsl:function>

  <!-- Inside a document: its div gives its content (its head is the h1 already). -->
  <xsl:template match="div" mode="h:text" priority="3">
    <xsl:param name="doc-div" as="element()?" tunnel="yes" select="()"/>
    <xsl:param name="doc-head" as="element()?" tunnel="yes" select="()"/>
    <xsl:choose>
      <xsl:when test=". is $doc-div">
        <xsl:apply-templates select="node() except $doc-head" mode="h:text"/>
      </xsl:when>
      <xsl:when test="e:is-part(.)">
        <xsl:call-template name="e:part-link"/>
      </xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A part inside another part's text (a document in a file's text): a link to it. -->
  <xsl:template name="e:part-link">
    <p class="docref"><a href="{e:file(.)}">{e:label(.)}</a></p>
  </xsl:template>

  <xsl:template match="TEI[e:is-part(.)] | text[e:is-part(.)]" mode="h:text" priority="3">
    <xsl:call-template name="e:part-link"/>
  </xsl:template>

  <!-- ============================================================ package document -->

  <xsl:function name="e:package" as="document-node()">
    <xsl:document>
      <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id"
               xml:lang="{$book-language}" dir="ltr">
        <metadata>
          <xsl:namespace name="dc" select="'http://purl.org/dc/elements/1.1/'"/>
          <dc:identifier id="pub-id">{$book-identifier}</dc:identifier>
          <dc:title id="title">{$book-title}</dc:title>
          <meta refines="#title" property="title-type">main</meta>
          <xsl:for-each select="$book-subtitle">
            <dc:title id="subtitle">{.}</dc:title>
            <meta refines="#subtitle" property="title-type">subtitle</meta>
          </xsl:for-each>
          <xsl:for-each select="$creators">
            <dc:creator id="creator{position()}">{?name}</dc:creator>
            <meta refines="#creator{position()}" property="role" scheme="marc:relators">{?role}</meta>
          </xsl:for-each>
          <xsl:for-each select="$publisher"><dc:publisher>{.}</dc:publisher></xsl:for-each>
          <xsl:for-each select="$book-date"><dc:date>{.}</dc:date></xsl:for-each>
          <dc:language>{$book-language}</dc:language>
          <xsl:for-each select="$subjects"><dc:subject>{.}</dc:subject></xsl:for-each>
          <xsl:for-each select="($header/fileDesc/publicationStmt/availability ! f:plain(.))[. ne ''][1]">
            <dc:rights>{.}</dc:rights>
          </xsl:for-each>
          <xsl:if test="exists($printed-source)">
            <dc:source>{$page-break-source}</dc:source>
          </xsl:if>
          <meta property="dcterms:modified">{$book-modified}</meta>
          <!-- EPUB Accessibility 1.1 -->
          <meta property="schema:accessMode">textual</meta>
          <meta property="schema:accessMode">visual</meta>
          <meta property="schema:accessModeSufficient">textual</meta>
          <xsl:for-each select="('tableOfContents', 'readingOrder', 'structuralNavigation', 'alternativeText',
                                 'displayTransformability', if (exists($page-breaks)) then ('pageNavigation', 'printPageNumbers') else ())">
            <meta property="schema:accessibilityFeature">{.}</meta>
          </xsl:for-each>
          <meta property="schema:accessibilityHazard">none</meta>
          <meta property="schema:accessibilitySummary">{e:a11y-summary()}</meta>
          <meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>
          <meta property="a11y:certifiedBy">{($publisher, 'fortran-tei')[1]}</meta>
          <xsl:if test="exists($page-breaks)">
            <meta property="pageBreakSource">{$page-break-source}</meta>
          </xsl:if>
          <meta name="cover" content="cover-image"/>
        </metadata>
        <manifest>
          <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
          <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>
          <item id="cover-image" href="cover.svg" media-type="image/svg+xml" properties="cover-image"/>
          <item id="title-page" href="title.xhtml" media-type="application/xhtml+xml"/>
          <item id="css" href="css/epub.css" media-type="text/css"/>
          <xsl:for-each select="$parts">
            <item id="{e:item-id(.)}" href="text/{e:file(.)}" media-type="application/xhtml+xml"/>
          </xsl:for-each>
        </manifest>
        <spine>
          <itemref idref="cover" linear="yes"/>
          <itemref idref="title-page"/>
          <itemref idref="nav"/>
          <xsl:for-each select="$parts">
            <itemref idref="{e:item-id(.)}"/>
          </xsl:for-each>
        </spine>
      </package>
    </xsl:document>
  </xsl:function>

  <xsl:function name="e:item-id" as="xs:string">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="'x-' || $part-names(generate-id($part))"/>
  </xsl:function>

  <xsl:function name="e:a11y-summary" as="xs:string">
    <xsl:sequence select="string-join((
      'This publication meets WCAG 2.2 Level AA as checked by EPUBCheck and Ace.',
      'It has a table of contents, landmarks and semantic structure; notes are linked both ways',
      (if (exists($page-breaks)) then 'and the page numbers of the printed edition are marked and listed for page navigation' else ()),
      '. The only image is the cover, which has a text alternative; no content depends on colour, sound or motion.'), ' ')
      => replace(' \.', '.')"/>
  </xsl:function>

  <!-- ============================================================ navigation -->

  <xsl:function name="e:nav" as="document-node()">
    <xsl:document>
      <xsl:call-template name="e:page">
        <xsl:with-param name="title" select="'Contents'"/>
        <xsl:with-param name="body">
          <nav epub:type="toc" role="doc-toc" id="ft-toc" aria-labelledby="ft-toc-title">
            <h1 id="ft-toc-title">Contents</h1>
            <ol>
              <li><a href="title.xhtml">Title Page</a></li>
              <xsl:apply-templates select="$parts[empty(ancestor::* intersect $parts)]" mode="e:toc"/>
            </ol>
          </nav>
          <nav epub:type="landmarks" id="ft-landmarks" hidden="hidden" aria-labelledby="ft-landmarks-title">
            <h2 id="ft-landmarks-title">Landmarks</h2>
            <ol>
              <li><a epub:type="cover" href="cover.xhtml">Cover</a></li>
              <li><a epub:type="titlepage" href="title.xhtml">Title Page</a></li>
              <li><a epub:type="toc" href="nav.xhtml#ft-toc">Contents</a></li>
              <xsl:for-each select="$fronts[e:semantics(.)?type = ('introduction', 'bibliography', 'glossary', 'preface')]">
                <li><a epub:type="{e:semantics(.)?type}" href="text/{e:file(.)}">{e:label(.)}</a></li>
              </xsl:for-each>
              <xsl:for-each select="($docs, $parts)[1]">
                <li><a epub:type="bodymatter" href="text/{e:file(.)}">Start of Content</a></li>
              </xsl:for-each>
            </ol>
          </nav>
          <xsl:if test="exists($page-breaks)">
            <nav epub:type="page-list" role="doc-pagelist" id="ft-page-list" hidden="hidden" aria-labelledby="ft-page-list-title">
              <h2 id="ft-page-list-title">Pages</h2>
              <ol>
                <xsl:for-each select="$page-breaks">
                  <li><a href="text/{e:file(e:part-of(.))}#{f:anchor(.)}">{normalize-space(@n)}</a></li>
                </xsl:for-each>
              </ol>
            </nav>
          </xsl:if>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:document>
  </xsl:function>

  <xsl:mode name="e:toc" on-no-match="fail"/>
  <xsl:template match="*" mode="e:toc">
    <xsl:variable name="inner" select="$parts[e:part-of(..) is current()]"/>
    <li>
      <a href="text/{e:file(.)}">{e:label(.)}</a>
      <xsl:if test="exists($inner)">
        <ol><xsl:apply-templates select="$inner" mode="e:toc"/></ol>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- ============================================================ cover and title page -->

  <xsl:function name="e:cover-page" as="document-node()">
    <xsl:document>
      <xsl:call-template name="e:page">
        <xsl:with-param name="title" select="'Cover'"/>
        <xsl:with-param name="body">
          <section class="cover" epub:type="cover">
            <img src="cover.svg" role="doc-cover" alt="Cover: {string-join(($book-title, $book-subtitle), '. ')}"/>
          </section>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:document>
  </xsl:function>

  <!-- The cover template with the book's title and subtitle, wrapped into lines. -->
  <xsl:function name="e:cover-image" as="document-node()">
    <xsl:document>
      <xsl:apply-templates select="doc(resolve-uri('../assets/epub/cover.svg', static-base-uri()))/svg:svg" mode="e:cover"/>
    </xsl:document>
  </xsl:function>

  <xsl:mode name="e:cover" on-no-match="shallow-copy"/>
  <xsl:template match="comment()" mode="e:cover"/>
  <xsl:template match="@*[starts-with(local-name(), 'data-')]" mode="e:cover"/>
  <xsl:template match="svg:title" mode="e:cover">
    <xsl:copy><xsl:copy-of select="@*"/>{string-join(($book-title, $book-subtitle), '. ')}</xsl:copy>
  </xsl:template>
  <xsl:template match="svg:text[@id = ('title', 'subtitle')]" mode="e:cover">
    <xsl:variable name="words" select="if (@id eq 'title') then $book-title else $book-subtitle"/>
    <xsl:variable name="x" select="@x"/>
    <xsl:variable name="step" select="xs:integer((@data-line-height, 80)[1])"/>
    <xsl:copy>
      <xsl:apply-templates select="@*" mode="e:cover"/>
      <xsl:for-each select="e:lines($words, xs:integer((@data-line-length, 24)[1]))">
        <svg:tspan x="{$x}" dy="{if (position() eq 1) then 0 else $step}">{.}</svg:tspan>
      </xsl:for-each>
    </xsl:copy>
  </xsl:template>
  <xsl:template match="svg:text[@id = 'editors']" mode="e:cover">
    <xsl:copy><xsl:apply-templates select="@*" mode="e:cover"/>{string-join($creators?name, ', ')}</xsl:copy>
  </xsl:template>
  <xsl:template match="svg:text[@id = 'publisher']" mode="e:cover">
    <xsl:copy><xsl:apply-templates select="@*" mode="e:cover"/>{string-join(($publisher, $book-date), ' · ')}</xsl:copy>
  </xsl:template>

  <!-- Greedy word wrap: lines of at most $width characters (a longer word gets its own line). -->
  <xsl:function name="e:lines" as="xs:string*">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:param name="width" as="xs:integer"/>
    <xsl:sequence select="fold-left(tokenize(normalize-space($text)), (), function ($lines, $word) {
        if (empty($lines)) then $word
        else if (string-length($lines[last()]) + 1 + string-length($word) le $width)
        then ($lines[position() lt last()], $lines[last()] || ' ' || $word)
        else ($lines, $word) })"/>
  </xsl:function>

  <xsl:function name="e:title-page" as="document-node()">
    <xsl:document>
      <xsl:call-template name="e:page">
        <xsl:with-param name="title" select="$book-title"/>
        <xsl:with-param name="body">
          <section class="titlepage" epub:type="titlepage" aria-labelledby="ft-book-title">
            <h1 class="title" id="ft-book-title">{$book-title}</h1>
            <xsl:for-each select="$book-subtitle"><p class="subtitle">{.}</p></xsl:for-each>
            <xsl:for-each select="$header/fileDesc/seriesStmt/title">
              <p class="series">{f:plain(.)}</p>
            </xsl:for-each>
            <xsl:for-each select="$title-stmt/(editor | author | respStmt)">
              <p class="resp">{
                if (self::respStmt) then string-join((persName, name, orgName) ! f:plain(.), ', ') || ' (' || f:plain(resp[1]) || ')'
                else f:plain(.) || (if (self::editor) then ' (editor)' else '')}</p>
            </xsl:for-each>
            <xsl:for-each select="$printed-source[exists(title)]">
              <p class="source">After: <i>{f:plain(title[1])}</i>{
                string-join(((editor ! f:plain(.)) ! (', edited by ' || .))[1], '')}{
                string-join((pubPlace, publisher, date) ! f:plain(.), ', ') ! (' (' || . || ')')}</p>
            </xsl:for-each>
            <xsl:for-each select="$publisher"><p class="publisher">{.}{$book-date ! (', ' || .)}</p></xsl:for-each>
            <xsl:for-each select="($header/fileDesc/publicationStmt/availability ! f:plain(.))[. ne ''][1]">
              <p class="licence">{.}</p>
            </xsl:for-each>
          </section>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:document>
  </xsl:function>

</xsl:stylesheet>
