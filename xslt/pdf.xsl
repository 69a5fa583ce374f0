<?xml version="1.0" encoding="UTF-8"?>
<!--
  pdf.xsl: the assembled volume (or any TEI P5) → a Typst source that `xslt/book.typ` typesets.

  Text reaches Typst as data, never as markup: every piece of the sources' text becomes a
  Typst string literal (t:str: only \ and " escaped), and structure becomes calls of the
  functions book.typ defines. What is printed where (numbers, letters, the source note, names)
  comes from common.xsl; this stylesheet decides presentation only.

  Modes:
  - t:inline  a node → one Typst expression (a string literal or a function call), joined by x()
  - t:block   a node → Typst statements (one per line) inside a code block
  - t:front   a front/back section → section(…) on its own recto
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:f="https://fortran-tei.org/ns/functions"
    xmlns:t="https://fortran-tei.org/ns/typst"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <!-- The template is imported from the compile root (the xslt folder). -->
  <xsl:variable name="template" as="xs:string" select="'/book.typ'"/>

  <xsl:variable name="NL" select="'&#10;'"/>

  <!-- ================================================ Typst literals -->

  <!-- A Typst string literal holding exactly $s. -->
  <xsl:function name="t:str" as="xs:string">
    <xsl:param name="s" as="xs:string?"/>
    <xsl:sequence select="'&quot;' || replace(replace(string($s), '\\', '\\\\'), '&quot;', '\\&quot;') || '&quot;'"/>
  </xsl:function>

  <!-- A Typst array of string literals. -->
  <xsl:function name="t:strs" as="xs:string">
    <xsl:param name="items" as="xs:string*"/>
    <xsl:sequence select="'(' || string-join($items ! t:str(.), ', ') || (if (count($items) eq 1) then ',' else '') || ')'"/>
  </xsl:function>

  <!-- Inline nodes → one content expression. -->
  <xsl:function name="t:inline" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$nodes" mode="t:inline"/>
    </xsl:variable>
    <xsl:sequence select="'x(' || string-join($parts, ', ') || ')'"/>
  </xsl:function>

  <!-- Nodes of a block context → a Typst code block of statements; runs of inline nodes
       between block elements become paragraphs. -->
  <xsl:function name="t:blocks" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="'{' || $NL || string-join(t:flow($nodes), $NL) || $NL || '}'"/>
  </xsl:function>

  <xsl:function name="t:flow" as="xs:string*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:for-each-group select="$nodes" group-adjacent="t:is-block(.)">
      <xsl:choose>
        <xsl:when test="current-grouping-key()">
          <xsl:apply-templates select="current-group()" mode="t:block"/>
        </xsl:when>
        <xsl:when test="current-group()[self::* or normalize-space()]">
          <xsl:sequence select="'para(' || t:inline(current-group()) || ')'"/>
        </xsl:when>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:function>

  <!-- Elements that make blocks of their own (and any element holding one). -->
  <xsl:variable name="t:block-names" as="xs:string*" select="
    ('p', 'ab', 'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'head', 'list', 'table',
     'lg', 'listBibl', 'listPerson', 'person', 'figure', 'closer', 'opener', 'salute', 'signed',
     'dateline', 'byline', 'postscript', 'sp', 'floatingText', 'titlePage', 'argument', 'epigraph',
     'trailer', 'docTitle', 'docAuthor', 'docImprint', 'castList', 'listOrg', 'listPlace', 'listEvent',
     'front', 'body', 'back', 'group', 'text', 'teiHeader', 'milestone', 'cb')"/>

  <xsl:function name="t:is-block" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node instance of element()
      and not($node/self::note or $node/self::app)
      and (local-name($node) = $t:block-names
           or (f:is-foreign-markup($node))
           or exists($node/*[t:is-block(.)]))"/>
  </xsl:function>

  <!-- ================================================ the book -->

  <!-- The unnamed mode is the entry only: Python applies it to the document node. -->
  <xsl:mode on-no-match="fail"/>
  <xsl:template match="/">
    <xsl:variable name="header" select="f:volume-header(/)"/>
    <xsl:variable name="main-title" select="f:volume-title(/)"/>
    <xsl:variable name="sub-title" select="f:volume-subtitle(/)"/>
    <xsl:variable name="series" select="($header/fileDesc/seriesStmt/title)[1] ! f:plain(.)"/>
    <xsl:variable name="editors" select="distinct-values(f:volume-editors(/) ! f:plain(.))"/>
    <xsl:variable name="docs" select="f:documents(/)"/>
    <xsl:variable name="topics" select="f:volume-topics(/)"/>
    <!-- Typst knows languages by their ISO 639 code alone: "en-US" → "en" -->
    <xsl:variable name="lang" select="substring-before(f:volume-language(/) || '-', '-')"/>
    <xsl:variable name="year" select="f:volume-date(/) ! substring(., 1, 4)"/>

    <xsl:value-of select="'#import ' || t:str($template) || ': *' || $NL"/>
    <xsl:value-of select="'#show: book.with(title: ' || t:str(string-join(($main-title, $sub-title), ': '))
      || ', short-title: ' || t:str(($series, $main-title)[1])
      || ', editors: ' || t:strs($editors)
      || ', keywords: ' || t:strs(subsequence($topics, 1, 24))
      || ', subject: ' || t:str(string-join(($series, $sub-title, if (count($docs) gt 1) then count($docs) || ' documents' else ()), '; '))
      || ', lang: ' || t:str($lang) || ')' || $NL"/>

    <xsl:value-of select="'#half-title(' || t:str($main-title) || ')' || $NL"/>
    <xsl:value-of select="'#title-page(series: ' || t:str($series) || ', title: ' || t:str($main-title)
      || ', subtitle: ' || t:str($sub-title) || ', editors: ' || t:strs($editors)
      || ', publisher: ' || t:str(f:volume-publisher(/))
      || ', place: ' || t:str(($header/fileDesc/publicationStmt/pubPlace)[1] ! f:plain(.))
      || ', year: ' || t:str($year) || ')' || $NL"/>
    <xsl:value-of select="'#imprint(' || string-join(t:imprint($header), ', ') || ')' || $NL"/>

    <!-- contents -->
    <xsl:variable name="front" select="//front/div[not(ancestor::div)][head or normalize-space()]"/>
    <xsl:variable name="back" select="//back/div[not(ancestor::div)][head or normalize-space()]"/>
    <xsl:variable name="entries" as="xs:string*">
      <xsl:sequence select="$front ! t:toc-entry(t:section-key(.), '', t:section-title(.), 0)"/>
      <xsl:sequence select="t:toc-entry('main-matter', '', t:main-title($docs), 0)"/>
      <xsl:sequence select="$docs ! t:toc-entry(f:doc-file(.), f:doc-number(.) || '.', f:doc-title(.), 1)"/>
      <xsl:sequence select="$back ! t:toc-entry(t:section-key(.), '', t:section-title(.), 0)"/>
      <xsl:sequence select="if (t:has-index(/)) then t:toc-entry('index', '', 'Index of Persons', 0) else ()"/>
    </xsl:variable>
    <xsl:value-of select="'#contents((' || string-join($entries, ',' || $NL) || ',))' || $NL"/>

    <xsl:apply-templates select="$front" mode="t:front"/>

    <!-- the documents: arabic page numbers from here to the end of the book -->
    <xsl:value-of select="'#show: main-matter.with(' || t:str(t:main-title($docs)) || ')' || $NL || '#toc-target(&quot;main-matter&quot;)' || $NL"/>
    <xsl:variable name="statements" select="if (exists(//div[@type = 'document'])) then t:flow(//body) else $docs ! t:document(.)"/>
    <xsl:value-of select="string-join($statements ! ('#' || .), $NL) || $NL"/>

    <xsl:apply-templates select="$back" mode="t:front"/>
    <xsl:if test="t:has-index(/)">
      <xsl:value-of select="'#section(&quot;Index of Persons&quot;, running: &quot;Index&quot;, {toc-target(&quot;index&quot;)' || $NL
        || 'person-index((' || string-join(t:index-entries(/), ',' || $NL) || ',))})' || $NL"/>
    </xsl:if>
    <xsl:value-of select="'#positions()' || $NL"/>
  </xsl:template>

  <xsl:function name="t:main-title" as="xs:string">
    <xsl:param name="docs" as="element()*"/>
    <xsl:sequence select="if (count($docs) gt 1) then 'Documents' else 'Text'"/>
  </xsl:function>

  <xsl:function name="t:toc-entry" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="level" as="xs:integer"/>
    <xsl:sequence select="'(key: ' || t:str($key) || ', label: ' || t:str($label) || ', title: ' || t:str($title) || ', level: ' || $level || ')'"/>
  </xsl:function>

  <xsl:function name="t:section-key" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="'part-' || f:front-file($div) || '-' || count($div/preceding::div[not(ancestor::div)][parent::front or parent::back])"/>
  </xsl:function>

  <xsl:function name="t:section-title" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="(f:part-title($div), 'Preface')[1]"/>
  </xsl:function>

  <!-- Imprint lines: what this book is, what it is based on, who made it, its licence. -->
  <xsl:function name="t:imprint" as="xs:string*">
    <xsl:param name="header" as="element(teiHeader)?"/>
    <xsl:variable name="printed" select="$header/fileDesc/sourceDesc/bibl[@type = 'printed-volume']"/>
    <xsl:sequence select="
      $header/fileDesc/titleStmt/respStmt[resp and (persName | name | orgName)] ! ('x(' || t:inline((persName | name | orgName)[1]/node()) || ', ' || t:str(' ') || ', ' || t:inline(resp[1]/node()) || ', ' || t:str('.') || ')'),
      $printed ! t:str('Based on: ' || string-join((f:plain(title[1]),
          string-join(editor[@role = 'primary' or not(@role)] ! normalize-space(), ', ') ! ('edited by ' || .)[. ne 'edited by '],
          string-join(editor[@role = 'general'] ! normalize-space(), ', ') ! ('general editor ' || .)[. ne 'general editor '],
          string-join((pubPlace, publisher, date) ! normalize-space(), ', ')), '; ') || '.'),
      $header/fileDesc/publicationStmt ! t:str(string-join(((publisher, authority, distributor)[1], date[1], idno[1]) ! normalize-space()[. ne ''], ', ')),
      $header/fileDesc/publicationStmt/availability ! t:inline(.),
      t:str('Set in Libertinus Serif and typeset with Typst by fortran-tei.')"/>
  </xsl:function>

  <!-- ================================================ front and back sections -->

  <xsl:mode name="t:front" on-no-match="fail"/>

  <xsl:template match="div" mode="t:front">
    <xsl:variable name="title" select="t:section-title(.)"/>
    <xsl:value-of select="'#section(' || t:str($title) || ', {toc-target(' || t:str(t:section-key(.)) || ')' || $NL
      || string-join(t:flow(node() except head[1]), $NL) || $NL || '})' || $NL"/>
  </xsl:template>

  <!-- ================================================ documents -->

  <xsl:template match="div[@type = 'document']" mode="t:block">
    <xsl:sequence select="t:document(f:document-unit(.))"/>
  </xsl:template>

  <xsl:function name="t:document" as="xs:string">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="div" select="f:document-div($unit)"/>
    <xsl:variable name="head" select="f:doc-head($unit)"/>
    <xsl:variable name="dateline" select="$div/dateline[1]"/>
    <xsl:variable name="source" select="f:source-note($unit)"/>
    <!-- The editors number their notes from 1: the source note, first at the foot, takes "*",
         and opens with the document's number, so that several on one page can be told apart. -->
    <xsl:variable name="source-mark" select="'*'"/>
    <xsl:variable name="number" select="f:doc-number($unit)"/>
    <xsl:variable name="key" select="f:doc-file($unit)"/>
    <xsl:sequence select="'document(key: ' || t:str($key)
      || ', number: ' || t:str($number)
      || ', title: ' || t:str(f:doc-title($unit))
      || ', heading: ' || (if ($head) then t:inline($head/node()) else t:str(f:doc-title($unit)))
      || ', source-note: ' || (if (exists($source)) then 'note(' || t:str($key || '-source') || ', ' || t:str($source-mark) || ', '
           || (if ($number) then 'x(strong(' || t:str('No. ' || $number || '.') || '), ' || t:str(' ') || ', ' || t:source-note($source) || ')' else t:source-note($source)) || ')' else 'none')
      || ', dateline: ' || (if ($dateline) then t:inline($dateline/node()) else 'none')
      || ', ' || t:blocks($div/node() except ($head, $dateline, $div/self::body/../front, $div/teiHeader)) || ')'"/>
  </xsl:function>

  <!-- The composed source note: sentences of strings, header nodes and volume pointers. -->
  <xsl:function name="t:source-note" as="xs:string">
    <xsl:param name="sentences" as="array(item()*)*"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:for-each select="$sentences">
        <xsl:if test="position() gt 1"><xsl:sequence select="t:str(' ')"/></xsl:if>
        <xsl:for-each select="array:flatten(.)">
          <xsl:choose>
            <xsl:when test=". instance of map(*)"><xsl:sequence select="'emph(' || t:str(?label) || ')'"/></xsl:when>
            <xsl:when test=". instance of node()"><xsl:apply-templates select="." mode="t:inline"/></xsl:when>
            <xsl:otherwise><xsl:sequence select="t:str(string(.))"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="'x(' || string-join($parts, ', ') || ')'"/>
  </xsl:function>

  <!-- ================================================ blocks -->

  <xsl:mode name="t:block" on-no-match="shallow-skip"/>

  <xsl:template match="p | ab" mode="t:block">
    <xsl:sequence select="t:flow(node())"/>
  </xsl:template>

  <xsl:template match="div | div1 | div2 | div3 | div4 | div5 | div6 | div7 | front | body | back | group | text | argument | epigraph | trailer | postscript | floatingText | castList | listOrg | listPlace | listEvent | sp" mode="t:block">
    <xsl:sequence select="t:flow(node())"/>
  </xsl:template>

  <xsl:template match="head" mode="t:block">
    <xsl:sequence select="'subhead(' || t:inline(node()) || ')'"/>
  </xsl:template>

  <xsl:template match="closer | signed | salute | byline | docAuthor | docImprint | docTitle | dateline | opener" mode="t:block">
    <xsl:sequence select="if (*[t:is-block(.)]) then t:flow(node())
      else (if (self::signed or self::closer or self::dateline) then 'signed(' else 'noindent(') || t:inline(node()) || ')'"/>
  </xsl:template>

  <xsl:template match="list" mode="t:block">
    <xsl:variable name="ordered" select="@type = ('ordered', 'numbered') or @rend = ('numbered', 'ordered')"/>
    <xsl:variable name="items" as="xs:string*">
      <xsl:for-each select="item">
        <xsl:variable name="label" select="(preceding-sibling::*[1][self::label] ! f:plain(.),
                                            if ($ordered) then position() || '.' else (),
                                            if (../@type = 'abbreviations') then () else '•')[1]"/>
        <xsl:sequence select="'(' || t:str($label) || ', '
          || (if (*[t:is-block(.)]) then t:blocks(node()) else t:inline(node())) || ')'"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="(head ! ('subhead(' || t:inline(node()) || ')')),
                          'list-block((' || string-join($items, ', ') || ',))'"/>
  </xsl:template>

  <!-- The abbreviations: "ACDA  Arms Control and Disarmament Agency". -->
  <xsl:template match="list[@type = 'abbreviations']" mode="t:block">
    <xsl:sequence select="'list-block(label-width: 4.5em, (' || string-join(item ! ('(' || t:inline(abbr) || ', ' || t:inline(node() except abbr) || ')'), ', ') || ',))'"/>
  </xsl:template>

  <xsl:template match="listBibl" mode="t:block">
    <xsl:sequence select="(head ! ('subhead(' || t:inline(node()) || ')')), t:flow(node() except head)"/>
  </xsl:template>

  <xsl:template match="listBibl/bibl | listBibl/biblStruct | listBibl/msDesc" mode="t:block">
    <xsl:sequence select="'hanging(' || t:inline(node()) || ')'"/>
  </xsl:template>

  <!-- The List of Names: "Kennedy, John F., US President until November 22, 1963". -->
  <xsl:template match="listPerson" mode="t:block">
    <xsl:sequence select="(head ! ('subhead(' || t:inline(node()) || ')')), t:flow(* except head)"/>
  </xsl:template>

  <xsl:template match="person" mode="t:block">
    <!-- the printed description, then the offices with their dates -->
    <xsl:variable name="person" select="."/>
    <xsl:variable name="name" select="(persName[@type = 'main'], persName)[1]"/>
    <xsl:variable name="parts" select="(note[1] ! t:inline(node()), occupation ! t:str(f:office(.)))"/>
    <xsl:sequence select="'hanging(x(strong(' || t:inline($name/node()) || ')'
      || string-join($parts ! (', &quot;' || (if (position() = 1) then ', ' else if (position() = 2 and $person/note) then '. ' else '; ') || '&quot;, ' || .)) || '))'"/>
  </xsl:template>

  <xsl:template match="table" mode="t:block">
    <xsl:variable name="columns" select="max((row ! sum(cell ! (if (@cols castable as xs:integer) then xs:integer(@cols) else 1)), 1))"/>
    <xsl:sequence select="(head ! ('subhead(' || t:inline(node()) || ')')),
      'data-table(' || $columns || ', (' || string-join(row/cell ! (
          'table.cell(colspan: ' || (if (@cols castable as xs:integer and xs:integer(@cols) ge 1) then min((xs:integer(@cols), $columns)) else 1) || ', '
          || (if (*[t:is-block(.)]) then t:blocks(node()) else t:inline(node())) || ')'), ', ') || ',))'"/>
  </xsl:template>

  <xsl:template match="lg" mode="t:block">
    <xsl:sequence select="(head ! ('subhead(' || t:inline(node()) || ')')),
      'verse((' || string-join((l, lg) ! t:inline(node()), ', ') || ',))'"/>
  </xsl:template>

  <xsl:template match="figure" mode="t:block">
    <xsl:sequence select="(head, figDesc, p)[normalize-space()] ! ('caption(' || t:inline(node()) || ')')"/>
  </xsl:template>

  <xsl:template match="milestone | cb" mode="t:block"/>
  <xsl:template match="teiHeader | titlePage" mode="t:block"/>

  <xsl:template match="*[f:is-foreign-markup(.)]" mode="t:block t:inline" priority="10">
    <xsl:call-template name="f:report">
      <xsl:with-param name="kind" select="'dropped-element'"/>
      <xsl:with-param name="value" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Any other element holding blocks: its content, with one warning per name. -->
  <xsl:template match="*" mode="t:block">
    <xsl:call-template name="f:report">
      <xsl:with-param name="kind" select="'unknown-element'"/>
      <xsl:with-param name="value" select="local-name()"/>
    </xsl:call-template>
    <xsl:sequence select="t:flow(node())"/>
  </xsl:template>

  <!-- ================================================ inline -->

  <!-- fail: every node reaching inline content has a rule (text, comments, the * fallback). -->
  <xsl:mode name="t:inline" on-no-match="fail"/>

  <xsl:template match="text()" mode="t:inline">
    <xsl:variable name="s" select="replace(., '\s+', ' ')"/>
    <xsl:if test="$s ne ''"><xsl:sequence select="t:str($s)"/></xsl:if>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="t:inline t:block"/>

  <!-- Elements whose words print as they are. -->
  <xsl:template match="name | placeName | orgName | date | time | term | abbr | expan | roleName
      | forename | surname | addName | genName | nameLink | rs | seg | num | measure | geogName
      | country | settlement | region | district | bloc | idno | bibl | author | editor | publisher
      | pubPlace | biblScope | s | w | c | pc | unclear | add | corr | reg | orig | sic | said
      | distinct | gloss | stamp | damage | subst | origDate | origPlace | affiliation | email
      | address | licence | availability | catDesc | lem | rdg | resp | occupation | state | trait
      | event | label | objectName | persName | span | phr | cl | m | respStmt | edition
      | extent | quote | cit | l | signed | salute | closer | opener | dateline | byline | item | p | ab" mode="t:inline">
    <xsl:apply-templates select="node()" mode="t:inline"/>
  </xsl:template>

  <xsl:template match="addrLine" mode="t:inline">
    <xsl:apply-templates select="node()" mode="t:inline"/>
    <xsl:if test="following-sibling::addrLine"><xsl:sequence select="t:str(', ')"/></xsl:if>
  </xsl:template>

  <!-- hi: each style its rendition names wraps the content ("italic bold" → strong(emph(…)));
       a hi that names no style we print (or none at all) is emphasised, as print sets it. -->
  <xsl:template match="hi" mode="t:inline">
    <xsl:variable name="styles" select="f:rend-styles(.)[map:contains($t:style-functions, .)]"/>
    <xsl:sequence select="
      if (empty($styles)) then 'emph(' || t:inline(node()) || ')'
      else fold-left($styles, t:inline(node()), function ($content, $style) {
        let $function := $t:style-functions($style)
        return if ($function eq '') then $content else $function || '(' || $content || ')' })"/>
  </xsl:template>

  <!-- f:rend-styles' tokens → book.typ functions; roman asks for no function at all. -->
  <xsl:variable name="t:style-functions" as="map(xs:string, xs:string)" select="map {
      'italic': 'emph', 'bold': 'strong', 'smallcaps': 'sc', 'underline': 'underline',
      'strikethrough': 'strike', 'superscript': 'super', 'subscript': 'sub', 'roman': '' }"/>

  <xsl:template match="emph | foreign | mentioned | title[not(@level = 'a')] | term[@rend = 'italic']" mode="t:inline">
    <xsl:sequence select="'emph(' || t:inline(node()) || ')'"/>
  </xsl:template>

  <xsl:template match="title[@level = 'a'] | soCalled | q" mode="t:inline">
    <xsl:sequence select="t:str('“'), t:inline(node()), t:str('”')"/>
  </xsl:template>

  <xsl:template match="persName[@ref]" mode="t:inline">
    <xsl:variable name="person" select="f:person(@ref, .)"/>
    <xsl:sequence select="if ($person)
      then 'person(' || t:str($person/@xml:id) || ', ' || t:inline(node()) || ')'
      else t:inline(node())"/>
  </xsl:template>

  <!-- choice: the reading the edition chooses (as the HTML: corr, reg, expan, else the first),
       then every other in brackets, so that no word of the text is lost:
       "Germany [Gemany]", "Department [Dept.]"; several: "[a; b]". -->
  <xsl:template match="choice" mode="t:inline">
    <xsl:variable name="chosen" select="(corr, reg, expan, *)[1]"/>
    <xsl:variable name="others" select="* except $chosen"/>
    <xsl:apply-templates select="$chosen" mode="t:inline"/>
    <xsl:if test="exists($others)">
      <xsl:sequence select="t:str(' ['), $others ! (if (position() gt 1) then (t:str('; '), t:inline(.)) else t:inline(.)), t:str(']')"/>
    </xsl:if>
  </xsl:template>

  <!-- del (alone or in a subst beside its add): struck through, as the HTML's <del>. -->
  <xsl:template match="del" mode="t:inline">
    <xsl:sequence select="'strike(' || t:inline(node()) || ')'"/>
  </xsl:template>

  <xsl:template match="lb" mode="t:inline">
    <xsl:sequence select="if (ancestor::p or ancestor::ab or ancestor::note) then t:str(' ') else 'linebreak()'"/>
  </xsl:template>

  <xsl:template match="pb[@n]" mode="t:inline">
    <xsl:sequence select="'orig-page(' || t:str(normalize-space(@n)) || ')'"/>
  </xsl:template>

  <xsl:template match="gap" mode="t:inline">
    <xsl:sequence select="t:str('[…]')"/>
  </xsl:template>

  <xsl:template match="supplied" mode="t:inline">
    <xsl:sequence select="t:str('['), t:inline(node()), t:str(']')"/>
  </xsl:template>

  <xsl:template match="space" mode="t:inline">
    <xsl:sequence select="t:str(' ')"/>
  </xsl:template>

  <xsl:template match="pb | fw | graphic | media | binaryObject | ptr | anchor | index | milestone | cb | teiHeader | interp | interpGrp | link | linkGrp | join | alt" mode="t:inline"/>

  <!-- A figure's description stands for the image the book cannot print; text the editors
       judge superfluous is printed in brackets, as the HTML shows it. -->
  <xsl:template match="figDesc" mode="t:inline">
    <xsl:sequence select="'emph(' || t:inline(node()) || ')'"/>
  </xsl:template>
  <xsl:template match="surplus" mode="t:inline">
    <xsl:sequence select="'x(' || t:str('[') || ', ' || t:inline(node()) || ', ' || t:str(']') || ')'"/>
  </xsl:template>

  <xsl:template match="ref[@target]" mode="t:inline">
    <xsl:variable name="url" select="f:safe-url(@target)"/>
    <xsl:sequence select="if (matches(string($url), '^(https?|mailto|ftp):'))
      then 'link(' || t:str($url) || ', ' || t:inline(node()) || ')'
      else t:inline(node())"/>
  </xsl:template>

  <xsl:template match="ref" mode="t:inline">
    <xsl:apply-templates select="node()" mode="t:inline"/>
  </xsl:template>

  <!-- A footnote: its mark as the document numbers it; its text at the foot of the page. -->
  <xsl:template match="note" mode="t:inline">
    <xsl:variable name="unit" select="f:document-of(.)"/>
    <xsl:variable name="key" select="f:note-anchor(.)"/>
    <!-- (only a note typed as the source note can be it: the others need not search the document) -->
    <xsl:sequence select="if (exists($unit) and (@type = 'source' or @n = '0') and (. is f:inline-source-note($unit))) then ()
      else 'note(' || t:str($key) || ', ' || t:str(f:note-number(.)) || ', '
        || (if (*[t:is-block(.)]) then t:blocks(node()) else t:inline(node())) || ')'"/>
  </xsl:template>

  <!-- An apparatus entry: the lemma stays in the text; "lemma] reading — comment" at the foot. -->
  <xsl:template match="app" mode="t:inline">
    <xsl:variable name="lemma" select="f:app-lemma(.)"/>
    <xsl:variable name="readings" select="f:app-readings(.)"/>
    <xsl:sequence select="'app-note(' || t:str(f:app-anchor(.)) || ', ' || t:str(f:app-letter(.))
      || ', ' || t:inline($lemma/node())
      || ', x(' || string-join($readings ! t:inline(node()), ', &quot;; &quot;, ') || ')'
      || (if (note) then ', comment: ' || t:inline(note/node()) else '') || ')'"/>
  </xsl:template>

  <xsl:template match="*" mode="t:inline">
    <xsl:call-template name="f:report">
      <xsl:with-param name="kind" select="'unknown-element'"/>
      <xsl:with-param name="value" select="local-name()"/>
    </xsl:call-template>
    <xsl:apply-templates select="node()" mode="t:inline"/>
  </xsl:template>

  <!-- ================================================ index of persons -->

  <xsl:function name="t:has-index" as="xs:boolean">
    <xsl:param name="tree" as="node()"/>
    <xsl:sequence select="exists(f:persons($tree)) and exists(f:documents($tree) ! f:document-div(.)//persName[@ref])"/>
  </xsl:function>

  <!-- Every person under the sorting name, and every variant name as a "see" entry. -->
  <xsl:function name="t:index-entries" as="xs:string*">
    <xsl:param name="tree" as="node()"/>
    <xsl:variable name="rows" as="map(*)*" select="
      f:persons($tree) ! (
        map { 'sort': f:person-sort-name(.), 'entry': '(id: ' || t:str(@xml:id) || ', name: ' || t:str(f:person-sort-name(.)) || ', see: none)' },
        let $main := f:person-sort-name(.), $id := string(@xml:id)
        return persName[@type = 'variant'] ! map { 'sort': f:plain(.),
          'entry': '(id: ' || t:str($id) || ', name: ' || t:str(f:plain(.)) || ', see: ' || t:str($main) || ')' })"/>
    <xsl:sequence select="sort($rows, 'http://www.w3.org/2013/collation/UCA?strength=secondary', function ($r) { $r?sort }) ! ?entry"/>
  </xsl:function>

</xsl:stylesheet>
