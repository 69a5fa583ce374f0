<?xml version="1.0" encoding="UTF-8"?>
<!--
  html.xsl: the static HTML edition. Applied to the assembled volume (any TEI P5 works), it
  writes every page with xsl:result-document (relative hrefs, resolved by the caller's base
  output URI) and returns a small manifest of the pages it wrote.

  Presentation only: numbers, labels, note series, look-ups and the source note come from
  common.xsl. The element → HTML table lives in html-text.xsl; the page frame here.

  Pages: index.html (title page + contents), one page per document (d21.html), one per front
  part (about, introduction, sources, persons, abbreviations), search.html.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:f="https://fortran-tei.org/ns/functions"
    xmlns:h="https://fortran-tei.org/ns/html"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:include href="html-text.xsl"/>

  <!-- Where the site will live, for "Cite this document" and citation_* meta tags; empty:
       the citation gives the page's relative address. -->
  <xsl:param name="site-url" as="xs:string" select="''"/>

  <!-- The whole tree is the context of every page; functions receive nodes of it. -->
  <xsl:global-context-item as="document-node()" use="required"/>

  <xsl:output name="page" method="html" html-version="5" encoding="UTF-8" indent="no"
              include-content-type="no" use-character-maps="f:c1-controls"/>
  <xsl:output method="xml" indent="no"/>

  <xsl:variable name="docs" select="f:documents(/)" as="element()*"/>
  <xsl:variable name="fronts" select="f:front-parts(/)[not(@type = ('persons', 'abbreviations'))]" as="element()*"/>
  <xsl:variable name="persons" select="f:persons(/)" as="element(person)*"/>
  <xsl:variable name="abbreviations" select="f:abbreviations(/)" as="element()*"/>
  <xsl:variable name="persons-part" select="f:front-parts(/)[@type = 'persons'][1]" as="element()?"/>
  <xsl:variable name="abbreviations-part" select="f:front-parts(/)[@type = 'abbreviations'][1]" as="element()?"/>

  <!-- Which page shows which unit: generate-id → file name, computed once. -->
  <xsl:variable name="page-of" as="map(xs:string, xs:string)" select="map:merge((
      $docs ! map:entry(generate-id(.), f:doc-file(.) || '.html'),
      $fronts ! map:entry(generate-id(.), f:front-file(.) || '.html')))"/>

  <xsl:variable name="volume-header" select="f:volume-header(/)" as="element(teiHeader)?"/>
  <xsl:variable name="volume-title" select="f:volume-title(/)" as="xs:string"/>
  <xsl:variable name="volume-subtitle" select="f:volume-subtitle(/)" as="xs:string?"/>
  <xsl:variable name="volume-lang" select="f:volume-language(/)" as="xs:string"/>

  <!-- The address of an element of the volume (html-text.xsl's link hook): the page that
       shows it, with its anchor. -->
  <xsl:function name="h:href-of" as="xs:string?">
    <xsl:param name="el" as="element()"/>
    <xsl:param name="from" as="node()"/>
    <xsl:variable name="unit" select="($el/ancestor-or-self::*[map:contains($page-of, generate-id(.))])[last()]"/>
    <xsl:variable name="page" select="$unit ! $page-of(generate-id(.))"/>
    <xsl:variable name="id" select="$el/@xml:id ! f:safe-name(.)"/>
    <xsl:sequence select="
      if ($el/self::person) then 'persons.html#' || $id
      else if ($el/ancestor-or-self::item/parent::list[@type = 'abbreviations']) then 'abbreviations.html#' || $id
      else if (empty($page)) then ()
      else if ($unit is $el) then $page
      else if ($el/self::note) then $page || '#' || f:note-anchor($el)
      else $page || '#' || $id"/>
  </xsl:function>

  <!-- ============================================================ entry -->

  <!-- The unnamed mode is the entry only: Python applies it to the document node. -->
  <xsl:mode on-no-match="fail"/>
  <xsl:template match="/">
    <xsl:call-template name="h:home"/>
    <xsl:apply-templates select="$docs" mode="h:document-page"/>
    <xsl:apply-templates select="$fronts" mode="h:front-page"/>
    <xsl:if test="exists($persons)"><xsl:call-template name="h:persons-page"/></xsl:if>
    <xsl:if test="exists($abbreviations)"><xsl:call-template name="h:abbreviations-page"/></xsl:if>
    <xsl:call-template name="h:search-page"/>
    <manifest xmlns="">
      <page href="index.html"/>
      <xsl:for-each select="map:keys($page-of)"><page href="{$page-of(.)}"/></xsl:for-each>
    </manifest>
  </xsl:template>

  <!-- ============================================================ the frame -->

  <!-- Every page: head with local assets, skip link, site header with search, main, footer. -->
  <xsl:template name="h:page">
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <xsl:param name="meta" as="element()*" select="()"/>
    <xsl:param name="breadcrumb" as="element()*" select="()"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="index" as="xs:boolean" select="true()"/>
    <xsl:param name="extra-head" as="element()*" select="()"/>
    <xsl:result-document href="{$href}" format="page">
      <html lang="{$volume-lang}">
        <head>
          <meta charset="utf-8"/>
          <meta name="viewport" content="width=device-width, initial-scale=1"/>
          <title><xsl:value-of select="if ($title eq $volume-title) then $title else $title || ' — ' || $volume-title"/></title>
          <link rel="stylesheet" href="assets/edition.css"/>
          <link rel="stylesheet" href="assets/print.css" media="print"/>
          <link rel="icon" href="assets/icon.svg" type="image/svg+xml"/>
          <xsl:if test="$site-url ne ''">
            <link rel="canonical" href="{h:public-url($href)}"/>
          </xsl:if>
          <xsl:sequence select="$meta, $extra-head"/>
        </head>
        <body>
          <a class="skip" href="#ft-main">Skip to text</a>
          <header class="site">
            <a class="site-title" href="index.html"><xsl:value-of select="$volume-title"/></a>
            <nav class="site-nav" aria-label="Site">
              <ul>
                <li><a href="index.html#ft-contents"><xsl:sequence select="h:current($current = 'contents')"/>Contents</a></li>
                <xsl:for-each select="$fronts">
                  <li><a href="{f:front-file(.)}.html"><xsl:sequence select="h:current($current = f:front-file(.))"/><xsl:value-of select="h:front-label(.)"/></a></li>
                </xsl:for-each>
                <xsl:if test="exists($persons)">
                  <li><a href="persons.html"><xsl:sequence select="h:current($current = 'persons')"/>List of Names</a></li>
                </xsl:if>
                <xsl:if test="exists($abbreviations)">
                  <li><a href="abbreviations.html"><xsl:sequence select="h:current($current = 'abbreviations')"/>Abbreviations</a></li>
                </xsl:if>
              </ul>
            </nav>
            <form class="search-form" role="search" aria-label="Site search" action="search.html" method="get">
              <label for="ft-site-search">Search</label>
              <input type="search" id="ft-site-search" name="q" placeholder="Search"/>
              <button type="submit">Go</button>
            </form>
          </header>
          <xsl:if test="exists($breadcrumb)">
            <nav class="breadcrumb" aria-label="Breadcrumb">
              <ol><xsl:sequence select="$breadcrumb"/></ol>
            </nav>
          </xsl:if>
          <main id="ft-main">
            <xsl:if test="$index"><xsl:attribute name="data-pagefind-body"/></xsl:if>
            <xsl:sequence select="$content"/>
          </main>
          <footer class="site">
            <p>
              <xsl:value-of select="$volume-title"/>
              <xsl:for-each select="$volume-header/fileDesc/publicationStmt/availability[normalize-space()]">
                <xsl:text>. </xsl:text>
                <!-- its elements only: the indentation around them would leave a space before the full stop -->
                <xsl:apply-templates select="*" mode="h:text"/>
              </xsl:for-each>
              <xsl:text>. Built with fortran-tei.</xsl:text>
            </p>
          </footer>
        </body>
      </html>
    </xsl:result-document>
  </xsl:template>

  <xsl:function name="h:current" as="attribute()?">
    <xsl:param name="is-current" as="xs:boolean"/>
    <xsl:if test="$is-current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
  </xsl:function>

  <xsl:function name="h:public-url" as="xs:string">
    <xsl:param name="href" as="xs:string"/>
    <xsl:sequence select="if ($site-url eq '') then $href else replace($site-url, '/?$', '/') || $href"/>
  </xsl:function>

  <xsl:function name="h:front-label" as="xs:string">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="
      if ($part/@type = 'about') then 'About'
      else (f:part-title($part), f:capitalise(f:front-file($part)))[1]"/>
  </xsl:function>

  <xsl:function name="h:crumb" as="element()">
    <xsl:param name="href" as="xs:string?"/>
    <xsl:param name="label" as="xs:string"/>
    <li>
      <xsl:choose>
        <xsl:when test="$href"><a href="{$href}"><xsl:value-of select="$label"/></a></xsl:when>
        <xsl:otherwise><span aria-current="page"><xsl:value-of select="$label"/></span></xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:function>

  <!-- ============================================================ home -->

  <xsl:template name="h:home">
    <xsl:call-template name="h:page">
      <xsl:with-param name="href" select="'index.html'"/>
      <xsl:with-param name="title" select="$volume-title"/>
      <xsl:with-param name="content">
        <section class="title-page" aria-labelledby="ft-volume-title">
          <xsl:for-each select="$volume-header/fileDesc/seriesStmt/title[1]">
            <p class="series"><xsl:apply-templates mode="h:text"/></p>
          </xsl:for-each>
          <h1 id="ft-volume-title"><xsl:value-of select="$volume-title"/></h1>
          <xsl:if test="$volume-subtitle"><p class="subtitle"><xsl:value-of select="$volume-subtitle"/></p></xsl:if>
          <xsl:for-each select="$volume-header/fileDesc/titleStmt/(respStmt | editor | author)">
            <p class="resp"><xsl:apply-templates select="." mode="h:resp"/></p>
          </xsl:for-each>
          <xsl:for-each select="$volume-header/fileDesc/sourceDesc/bibl[@type = 'printed-volume']">
            <p class="based-on">After <xsl:apply-templates select="title" mode="h:text"/>
              <xsl:if test="editor">, edited by <xsl:value-of select="string-join(editor ! normalize-space(), ' and ')"/></xsl:if>
              <xsl:if test="publisher or date"> (<xsl:value-of select="string-join((pubPlace, publisher, date) ! normalize-space(), ', ')"/>)</xsl:if>.</p>
          </xsl:for-each>
          <xsl:if test="exists($fronts) or exists($persons) or exists($abbreviations)">
            <nav class="front-links" aria-label="Front matter">
              <ul>
                <xsl:for-each select="$fronts">
                  <li><a href="{f:front-file(.)}.html"><xsl:value-of select="h:front-label(.)"/></a></li>
                </xsl:for-each>
                <xsl:if test="exists($persons)"><li><a href="persons.html">List of Names</a></li></xsl:if>
                <xsl:if test="exists($abbreviations)"><li><a href="abbreviations.html">Abbreviations</a></li></xsl:if>
              </ul>
            </nav>
          </xsl:if>
        </section>
        <section class="contents" id="ft-contents" aria-labelledby="ft-contents-heading">
          <h2 id="ft-contents-heading">Contents</h2>
          <table class="contents-table">
            <caption><xsl:value-of select="count($docs)"/> documents, in the order of the volume</caption>
            <thead>
              <tr><th scope="col" class="num">No.</th><th scope="col">Document</th><th scope="col">Date</th><th scope="col">Kind</th></tr>
            </thead>
            <tbody>
              <xsl:for-each select="$docs">
                <tr>
                  <td class="num"><xsl:value-of select="f:doc-number(.)"/></td>
                  <th scope="row" class="heading"><a href="{f:doc-file(.)}.html"><xsl:value-of select="f:doc-title(.)"/></a></th>
                  <td class="date"><xsl:value-of select="f:doc-date-label(.)"/></td>
                  <td class="kind"><xsl:value-of select="f:capitalise(f:kind-label(.))"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </section>
      </xsl:with-param>
      <xsl:with-param name="current" select="'contents'"/>
      <xsl:with-param name="index" select="false()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- fail: the title page asks only for respStmt, editor and author. -->
  <xsl:mode name="h:resp" on-no-match="fail"/>
  <xsl:template match="respStmt" mode="h:resp">
    <xsl:value-of select="f:capitalise(normalize-space(resp[1]))"/>
    <xsl:text>: </xsl:text>
    <xsl:value-of select="string-join((persName | name | orgName) ! normalize-space(), ', ')"/>
  </xsl:template>
  <xsl:template match="editor | author" mode="h:resp">
    <xsl:value-of select="if (self::editor) then 'Edited by ' else 'By '"/>
    <xsl:value-of select="normalize-space()"/>
  </xsl:template>

  <!-- ============================================================ document pages -->

  <xsl:mode name="h:document-page" on-no-match="fail"/>

  <xsl:template match="*" mode="h:document-page">
    <xsl:variable name="file" select="f:doc-file(.)"/>
    <xsl:variable name="prev" select="f:previous-document(.)"/>
    <xsl:variable name="next" select="f:next-document(.)"/>
    <xsl:variable name="div" select="f:document-div(.)"/>
    <xsl:call-template name="h:page">
      <xsl:with-param name="href" select="$file || '.html'"/>
      <xsl:with-param name="title" select="f:doc-heading(.)"/>
      <xsl:with-param name="meta" select="h:citation-meta(.)"/>
      <xsl:with-param name="breadcrumb" select="
        h:crumb('index.html', 'Home'), h:crumb('index.html#ft-contents', 'Documents'), h:crumb((), 'No. ' || f:doc-number(.))"/>
      <xsl:with-param name="content">
        <article class="document" aria-labelledby="ft-doc-heading" lang="{($div/ancestor-or-self::*/@xml:lang)[last()]}">
          <h1 id="ft-doc-heading" data-pagefind-meta="title">
            <span class="doc-number"><xsl:value-of select="f:doc-number(.)"/>. </span>
            <xsl:variable name="head" select="f:doc-head(.)"/>
            <xsl:choose>
              <xsl:when test="$head"><xsl:apply-templates select="$head/node()" mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></xsl:when>
              <xsl:otherwise><xsl:value-of select="f:doc-title(.)"/></xsl:otherwise>
            </xsl:choose>
            <xsl:if test="exists(f:source-note(.))">
              <button type="button" class="noteref source-ref" id="ft-srcref-{$file}" popovertarget="ft-src-{$file}" aria-label="Source note">*</button>
            </xsl:if>
          </h1>
          <xsl:apply-templates select="$div/dateline[1]" mode="h:text"/>
          <xsl:call-template name="h:facts"/>
          <div class="doc-body">
            <xsl:apply-templates select="$div/node() except ($div/head[1], $div/dateline[1])" mode="h:text"/>
          </div>
          <xsl:call-template name="h:notes">
            <xsl:with-param name="unit" select="."/>
          </xsl:call-template>
          <xsl:call-template name="h:cite"/>
        </article>
        <nav class="prevnext" aria-label="Previous and next document">
          <xsl:if test="$prev">
            <a rel="prev" href="{f:doc-file($prev)}.html"><span class="dir">Previous</span> <xsl:value-of select="f:doc-heading($prev)"/></a>
          </xsl:if>
          <xsl:if test="$next">
            <a rel="next" href="{f:doc-file($next)}.html"><span class="dir">Next</span> <xsl:value-of select="f:doc-heading($next)"/></a>
          </xsl:if>
        </nav>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The panel of correspondence facts: one row per recorded fact, none invented. -->
  <xsl:template name="h:facts">
    <xsl:variable name="unit" select="."/>
    <xsl:variable name="header" select="f:header(.)"/>
    <xsl:variable name="notes" select="$header/fileDesc/notesStmt"/>
    <xsl:variable name="rows" as="element()*">
      <xsl:sequence select="h:fact('From', f:agents(., 'sent'))"/>
      <xsl:sequence select="h:fact('To', f:agents(., 'received'))"/>
      <xsl:sequence select="h:fact('Date', f:doc-date-label(.)[. ne ''])"/>
      <xsl:sequence select="h:fact('Place', f:doc-place(.))"/>
      <xsl:sequence select="h:fact('Kind', f:capitalise(f:kind-label(.)))"/>
      <xsl:sequence select="h:fact('Channel', f:capitalise(f:channel-label(.)))"/>
      <xsl:sequence select="h:fact('Intermediary', f:action(., 'transmitted') ! (if (note) then note else (persName | orgName | name)))"/>
      <xsl:sequence select="h:fact('Transmission', $notes/note[@type = 'transmission'])"/>
      <xsl:sequence select="h:fact('Oral message', $notes/note[@type = 'record'])"/>
      <xsl:sequence select="h:fact('Languages', string-join($header/profileDesc/langUsage/language ! normalize-space(), ' → ')[. ne ''])"/>
      <xsl:sequence select="h:fact('Translation', $notes/note[@type = 'translation'])"/>
      <xsl:sequence select="h:fact('Translator', $header/fileDesc/titleStmt/respStmt[resp/@type = 'translation'] ! ((persName | orgName | name)[1], resp[@when or @notBefore or @notAfter][1] ! (', ' || f:format-date(.))))"/>
      <xsl:sequence select="h:fact('Classification', string-join(f:classification(.), '; ')[. ne ''])"/>
      <xsl:sequence select="h:fact('Release', $notes/note[@type = 'release'])"/>
      <xsl:sequence select="h:fact('Archival source', $header/fileDesc/sourceDesc/bibl[@type = ('archival', 'published')])"/>
      <xsl:sequence select="h:fact('Printed elsewhere', $notes/relatedItem[@type = 'printed-elsewhere'][normalize-space(@target)])"/>
    </xsl:variable>
    <xsl:if test="exists($rows)">
      <aside class="facts" aria-label="Correspondence facts">
        <dl><xsl:sequence select="$rows"/></dl>
      </aside>
    </xsl:if>
  </xsl:template>

  <!-- A row of the facts panel, or nothing when the fact is absent. Items are rendered in the
       h:text mode (names become links); several items are listed with semicolons. -->
  <xsl:function name="h:fact" as="element()?">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="items" as="item()*"/>
    <xsl:if test="exists($items)">
      <div class="fact">
        <dt><xsl:value-of select="$label"/></dt>
        <dd>
          <xsl:for-each select="$items">
            <xsl:if test="position() gt 1 and not(. instance of xs:string)">; </xsl:if>
            <xsl:choose>
              <xsl:when test=". instance of node()">
                <xsl:apply-templates select="." mode="h:fact"/>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </dd>
      </div>
    </xsl:if>
  </xsl:function>

  <!-- Header elements inside the panel: their content, phrasing only. -->
  <xsl:mode name="h:fact" on-no-match="fail"/>
  <xsl:template match="persName | orgName | name | roleName" mode="h:fact">
    <xsl:apply-templates select="." mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
  </xsl:template>
  <xsl:template match="note | bibl" mode="h:fact">
    <xsl:apply-templates select="node()" mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
  </xsl:template>
  <xsl:template match="relatedItem" mode="h:fact">
    <a href="{f:volume-pointer-url(normalize-space(@target))}"><xsl:value-of select="f:volume-pointer-label(normalize-space(@target))"/></a>
  </xsl:template>

  <!-- ============================================================ notes -->

  <!-- The notes of a unit, at its end: source note, numbered footnotes, lettered apparatus.
       Each entry is also a popover, opened in place by its marker (no script). -->
  <xsl:template name="h:notes">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="is-doc" select="exists($unit intersect $docs)"/>
    <xsl:variable name="file" select="if ($is-doc) then f:doc-file($unit) else f:front-file($unit)"/>
    <xsl:variable name="source" select="if ($is-doc) then f:source-note($unit) else ()"/>
    <xsl:variable name="footnotes" select="if ($is-doc) then f:footnotes($unit) else $unit//note[f:is-footnote(.)]"/>
    <xsl:variable name="apparatus" select="if ($is-doc) then f:apparatus($unit) else $unit//app"/>
    <xsl:if test="exists($source) or exists($footnotes)">
      <section class="notes" role="doc-endnotes" aria-labelledby="ft-notes-{$file}">
        <h2 id="ft-notes-{$file}">Notes</h2>
        <xsl:if test="exists($source)">
          <div class="source-note" id="ft-src-{$file}" popover="">
            <p>
              <span class="note-label">Source note.</span>
              <xsl:text> </xsl:text>
              <xsl:for-each select="$source">
                <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
                <xsl:apply-templates select="array:flatten(.)" mode="h:sentence-item"/>
              </xsl:for-each>
              <xsl:text> </xsl:text>
              <a class="backlink" href="#ft-srcref-{$file}" aria-label="Back to the heading">↩</a>
            </p>
          </div>
        </xsl:if>
        <xsl:if test="exists($footnotes)">
          <ol class="footnotes">
            <xsl:apply-templates select="$footnotes" mode="h:footnote"/>
          </ol>
        </xsl:if>
      </section>
    </xsl:if>
    <xsl:if test="exists($apparatus)">
      <section class="apparatus" aria-labelledby="ft-app-{$file}">
        <h2 id="ft-app-{$file}">Translation apparatus</h2>
        <ol class="apparatus-notes">
          <xsl:apply-templates select="$apparatus" mode="h:apparatus"/>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Items of a source-note sentence: strings, header nodes, other-volume maps (fail: there
       are no others). -->
  <xsl:mode name="h:sentence-item" on-no-match="fail"/>
  <xsl:template match="node()" mode="h:sentence-item">
    <xsl:apply-templates select="." mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
  </xsl:template>
  <xsl:template match=".[. instance of xs:string]" mode="h:sentence-item">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match=".[. instance of map(*)]" mode="h:sentence-item">
    <a href="{f:volume-pointer-url(?volume-ref)}"><xsl:value-of select="?label"/></a>
  </xsl:template>

  <xsl:mode name="h:footnote" on-no-match="fail"/>
  <xsl:template match="note" mode="h:footnote">
    <xsl:variable name="id" select="f:note-anchor(.)"/>
    <li id="{$id}" class="footnote" popover="">
      <xsl:call-template name="h:lang"/>
      <span class="note-label"><xsl:value-of select="f:note-number(.)"/>.</span>
      <xsl:text> </xsl:text>
      <div class="note-text">
        <xsl:apply-templates select="node()" mode="h:text"/>
      </div>
      <a class="backlink" href="#{f:ref-id($id)}" aria-label="Back to note {f:note-number(.)} in the text">↩</a>
    </li>
  </xsl:template>

  <xsl:mode name="h:apparatus" on-no-match="fail"/>
  <!-- "a gleams] glimmering of light (better translation) — comment" with the markup kept. -->
  <xsl:template match="app" mode="h:apparatus">
    <xsl:variable name="id" select="f:app-anchor(.)"/>
    <li id="{$id}" class="app-entry" popover="">
      <span class="note-label"><xsl:value-of select="f:app-letter(.)"/></span>
      <xsl:text> </xsl:text>
      <span class="lem"><xsl:apply-templates select="f:app-lemma(.)/node()" mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/><xsl:with-param name="copy" select="true()" tunnel="yes"/></xsl:apply-templates></span>
      <xsl:text>] </xsl:text>
      <xsl:for-each select="f:app-readings(.)">
        <xsl:if test="position() gt 1">; </xsl:if>
        <span class="rdg">
          <xsl:call-template name="h:lang"/>
          <xsl:apply-templates select="node()" mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
        </span>
        <xsl:for-each select="f:reading-label(.)"><xsl:text> </xsl:text><span class="rdg-type">(<xsl:value-of select="."/>)</span></xsl:for-each>
      </xsl:for-each>
      <xsl:for-each select="note">
        <xsl:text> — </xsl:text>
        <span class="app-comment"><xsl:apply-templates select="node()" mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></span>
      </xsl:for-each>
      <xsl:text> </xsl:text>
      <a class="backlink" href="#{f:ref-id($id)}" aria-label="Back to apparatus note {f:app-letter(.)} in the text">↩</a>
    </li>
  </xsl:template>

  <!-- ============================================================ cite -->

  <xsl:template name="h:cite">
    <xsl:variable name="href" select="f:doc-file(.) || '.html'"/>
    <section class="cite" aria-labelledby="ft-cite-heading">
      <h2 id="ft-cite-heading">Cite this document</h2>
      <p class="citation">
        <xsl:text>“</xsl:text><xsl:value-of select="f:doc-heading(.)"/><xsl:text>,” in </xsl:text>
        <cite><xsl:value-of select="$volume-title"/><xsl:if test="$volume-subtitle">: <xsl:value-of select="$volume-subtitle"/></xsl:if></cite>
        <xsl:for-each select="f:volume-editors(.)[1]">, ed. <xsl:value-of select="normalize-space()"/></xsl:for-each>
        <xsl:for-each select="f:volume-date(.)"> (<xsl:value-of select="f:format-iso(.)"/>)</xsl:for-each>
        <xsl:text>, Document </xsl:text><xsl:value-of select="f:doc-number(.)"/><xsl:text>, </xsl:text>
        <a class="stable-url" href="{$href}"><xsl:value-of select="h:public-url($href)"/></a>
        <xsl:text>.</xsl:text>
      </p>
    </section>
  </xsl:template>

  <!-- Highwire-style citation_* meta tags (read by Zotero and Google Scholar). -->
  <xsl:function name="h:citation-meta" as="element()*">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="date" select="f:sort-date(f:doc-date($unit))"/>
    <xsl:variable name="summary" select="f:plain((f:document-div($unit)//div[@type = 'summary'], f:document-div($unit)//p)[1])"/>
    <meta name="citation_title" content="{f:doc-heading($unit)}"/>
    <xsl:for-each select="f:agents($unit, 'sent')">
      <xsl:variable name="person" select="f:person(@ref, .)"/>
      <meta name="citation_author" content="{if ($person) then f:person-sort-name($person) else normalize-space()}"/>
    </xsl:for-each>
    <xsl:if test="$date"><meta name="citation_date" content="{translate($date, '-', '/')}"/></xsl:if>
    <meta name="citation_inbook_title" content="{$volume-title}"/>
    <xsl:for-each select="f:volume-publisher($unit)"><meta name="citation_publisher" content="{.}"/></xsl:for-each>
    <xsl:for-each select="f:volume-date($unit)"><meta name="citation_publication_date" content="{translate(., '-', '/')}"/></xsl:for-each>
    <meta name="citation_language" content="{(f:document-div($unit)/ancestor-or-self::*/@xml:lang)[last()], 'en'}"/>
    <xsl:if test="$site-url ne ''">
      <meta name="citation_fulltext_html_url" content="{h:public-url(f:doc-file($unit) || '.html')}"/>
    </xsl:if>
    <xsl:if test="$summary ne ''">
      <meta name="description" content="{$summary}"/>
      <meta name="citation_abstract" content="{$summary}"/>
    </xsl:if>
  </xsl:function>

  <!-- ============================================================ front pages -->

  <xsl:mode name="h:front-page" on-no-match="fail"/>

  <xsl:template match="*" mode="h:front-page">
    <xsl:variable name="file" select="f:front-file(.)"/>
    <xsl:call-template name="h:page">
      <xsl:with-param name="href" select="$file || '.html'"/>
      <xsl:with-param name="title" select="h:front-label(.)"/>
      <xsl:with-param name="current" select="$file"/>
      <xsl:with-param name="breadcrumb" select="h:crumb('index.html', 'Home'), h:crumb((), h:front-label(.))"/>
      <xsl:with-param name="content">
        <article class="front {$file}" aria-labelledby="ft-front-heading">
          <xsl:call-template name="h:lang"/>
          <h1 id="ft-front-heading">
            <xsl:choose>
              <xsl:when test="head"><xsl:apply-templates select="head[1]/node()" mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></xsl:when>
              <xsl:otherwise><xsl:value-of select="h:front-label(.)"/></xsl:otherwise>
            </xsl:choose>
          </h1>
          <xsl:apply-templates select="node() except head[1]" mode="h:text">
            <xsl:with-param name="depth" select="1" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:call-template name="h:notes">
            <xsl:with-param name="unit" select="."/>
          </xsl:call-template>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================================================ persons -->

  <xsl:template name="h:persons-page">
    <xsl:variable name="title" select="($persons-part/head[1] ! f:plain(.), 'Persons')[1]"/>
    <xsl:call-template name="h:page">
      <xsl:with-param name="href" select="'persons.html'"/>
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="current" select="'persons'"/>
      <xsl:with-param name="breadcrumb" select="h:crumb('index.html', 'Home'), h:crumb((), $title)"/>
      <xsl:with-param name="content">
        <article class="front persons" aria-labelledby="ft-front-heading">
          <h1 id="ft-front-heading"><xsl:value-of select="$title"/></h1>
          <xsl:apply-templates select="$persons-part/(p | note)" mode="h:text"/>
          <nav class="letters" aria-label="Initial letters">
            <ul>
              <xsl:for-each-group select="$persons" group-by="upper-case(substring(f:person-sort-name(.), 1, 1))">
                <li><a href="#ft-letter-{current-grouping-key()}"><xsl:value-of select="current-grouping-key()"/></a></li>
              </xsl:for-each-group>
            </ul>
          </nav>
          <xsl:for-each-group select="$persons" group-by="upper-case(substring(f:person-sort-name(.), 1, 1))">
            <section class="letter" aria-labelledby="ft-letter-{current-grouping-key()}">
              <h2 id="ft-letter-{current-grouping-key()}"><xsl:value-of select="current-grouping-key()"/></h2>
              <xsl:apply-templates select="current-group()" mode="h:person"/>
            </section>
          </xsl:for-each-group>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:mode name="h:person" on-no-match="fail"/>
  <xsl:template match="person" mode="h:person">
    <xsl:variable name="named-in" select="f:documents-naming(.)"/>
    <section class="person" id="{f:safe-name(@xml:id)}" aria-labelledby="ft-name-{f:safe-name(@xml:id)}">
      <h3 id="ft-name-{f:safe-name(@xml:id)}"><xsl:value-of select="f:person-sort-name(.)"/></h3>
      <xsl:for-each select="persName[@type = 'variant']">
        <p class="variant">Also: <xsl:value-of select="normalize-space()"/></p>
      </xsl:for-each>
      <xsl:for-each select="note">
        <p class="description"><xsl:apply-templates mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></p>
      </xsl:for-each>
      <xsl:if test="occupation">
        <ul class="occupations">
          <xsl:for-each select="occupation">
            <li><xsl:value-of select="f:office(.)"/></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="exists($named-in)">
          <p class="named-in">
            <span class="label">Named in <xsl:value-of select="if (count($named-in) eq 1) then 'document' else 'documents'"/>: </span>
            <xsl:for-each select="$named-in">
              <xsl:if test="position() gt 1">, </xsl:if>
              <a href="{f:doc-file(.)}.html" title="{f:doc-heading(.)}"><xsl:value-of select="f:doc-number(.)"/></a>
            </xsl:for-each>
          </p>
        </xsl:when>
        <xsl:otherwise><p class="named-in">Not named in a document.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ============================================================ abbreviations -->

  <xsl:template name="h:abbreviations-page">
    <xsl:variable name="title" select="($abbreviations-part/head[1] ! f:plain(.), 'Abbreviations')[1]"/>
    <xsl:call-template name="h:page">
      <xsl:with-param name="href" select="'abbreviations.html'"/>
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="current" select="'abbreviations'"/>
      <xsl:with-param name="breadcrumb" select="h:crumb('index.html', 'Home'), h:crumb((), $title)"/>
      <xsl:with-param name="content">
        <article class="front abbreviations" aria-labelledby="ft-front-heading">
          <h1 id="ft-front-heading"><xsl:value-of select="$title"/></h1>
          <dl class="abbreviation-list">
            <xsl:for-each select="$abbreviations">
              <div id="{f:anchor(.)}">
                <dt><abbr><xsl:value-of select="normalize-space((abbr, term, label)[1])"/></abbr></dt>
                <dd><xsl:apply-templates select="(expan, gloss)[1]/node()" mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></dd>
              </div>
            </xsl:for-each>
          </dl>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================================================ search -->

  <xsl:template name="h:search-page">
    <xsl:call-template name="h:page">
      <xsl:with-param name="href" select="'search.html'"/>
      <xsl:with-param name="title" select="'Search'"/>
      <xsl:with-param name="index" select="false()"/>
      <xsl:with-param name="breadcrumb" select="h:crumb('index.html', 'Home'), h:crumb((), 'Search')"/>
      <xsl:with-param name="extra-head" as="element()*">
        <script src="assets/search.js" defer=""></script>
      </xsl:with-param>
      <xsl:with-param name="content">
        <h1>Search</h1>
        <form id="ft-search-page-form" class="ft-search-page-form" role="search" aria-label="Search the documents" action="search.html" method="get">
          <label for="ft-search-page-q">Words to find in the documents</label>
          <input type="search" id="ft-search-page-q" name="q"/>
          <button type="submit">Search</button>
        </form>
        <p id="ft-search-status" role="status"></p>
        <ol id="ft-search-results" class="ft-search-results"></ol>
        <noscript><p>Full-text search needs JavaScript. Every document is listed in the <a href="index.html#ft-contents">contents</a>.</p></noscript>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
